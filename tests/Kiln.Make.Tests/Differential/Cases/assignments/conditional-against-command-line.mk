X ?= file
$(info [$(X)] [$(origin X)])
all: ;
#--- args: X=cmd
