include a.mk
y := $(x)
all: ;
#--- file: a.mk
x = $(warning deferred from a.mk)
