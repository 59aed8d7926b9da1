override X ?= file
override Y ?= file
$(info [$(X)] [$(origin X)] [$(Y)] [$(origin Y)])
all: ;
#--- args: X=cmd
