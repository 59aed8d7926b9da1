x = a
x += $(x)
$(info [$(value x)])
$(info [$(x)])
all: ;
