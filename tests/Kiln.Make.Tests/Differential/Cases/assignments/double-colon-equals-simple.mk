y = one
x ::= $(y)
y = two
x += $(y)
$(info [$(x)] [$(flavor x)] [$(value x)])
all: ;
