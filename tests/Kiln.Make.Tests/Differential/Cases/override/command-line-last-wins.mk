$(info [$(X)])
all: ;
#--- args: X=first X=second
