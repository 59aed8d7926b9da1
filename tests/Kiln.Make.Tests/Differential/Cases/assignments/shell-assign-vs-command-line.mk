X != echo file
$(info [$(X)] [$(origin X)])
all: ;
#--- args: X=cmd
