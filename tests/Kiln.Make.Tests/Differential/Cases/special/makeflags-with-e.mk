$(info [$(MAKEFLAGS)] [$(MFLAGS)])
all: ;
#--- args: -e
