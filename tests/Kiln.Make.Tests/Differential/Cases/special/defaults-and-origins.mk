$(info [$(CC)] [$(origin CC)] [$(origin PATH)] [$(origin undefined_thing)] [$(MAKELEVEL)])
$(info [$(origin MAKEFILE_LIST)] [$(origin CURDIR)] [$(flavor MAKE)] [$(MAKE)])
all: ;
