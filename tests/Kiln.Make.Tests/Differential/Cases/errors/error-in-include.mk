include sub.mk
all: ;
#--- file: sub.mk
x = 1

$(error stopped in sub with $(x))
