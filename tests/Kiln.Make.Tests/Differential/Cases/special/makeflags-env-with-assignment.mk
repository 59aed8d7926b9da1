X = file
$(info [$(X)] [$(origin X)] [$(MAKEFLAGS)])
all: ;
#--- env: MAKEFLAGS=-- X=fromflags
