$(info [$(MAKEFLAGS)] [$(MFLAGS)])
all: ;
#--- args: X=1 Y=two
