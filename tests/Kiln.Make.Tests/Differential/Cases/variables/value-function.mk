x = $(y) and $$ and $(z)
y = Y
s := $(y)
$(info [$(value x)] [$(value s)] [$(value undefined)] [$(value CURDIR)] [$(value $(empty))])
all: ;
