a = b
b = c
c = d
$(info [$($($(a)))] [$($(a))])
all: ;
