$(info [$(MAKEFLAGS)] [$(origin MAKEFLAGS)] [$(MFLAGS)] [$(origin MFLAGS)])
all: ;
