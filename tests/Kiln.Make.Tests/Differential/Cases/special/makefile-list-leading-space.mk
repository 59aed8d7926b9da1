$(info [$(MAKEFILE_LIST)] [$(origin MAKEFILE_LIST)] [$(flavor MAKEFILE_LIST)])
all: ;
