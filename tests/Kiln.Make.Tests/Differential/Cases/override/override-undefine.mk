override undefine X
$(info [$(X)] [$(origin X)])
all: ;
#--- args: X=cmd
