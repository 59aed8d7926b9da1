override X += more
X += ignored
$(info [$(X)] [$(origin X)])
all: ;
#--- args: X=cmd
