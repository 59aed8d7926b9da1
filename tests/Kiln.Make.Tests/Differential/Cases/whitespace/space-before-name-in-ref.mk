x = X
$(info [$( x)] [$(x )] [$(strip  x )])
all: ;
