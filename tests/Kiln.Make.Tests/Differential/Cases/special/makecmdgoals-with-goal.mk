$(info [$(MAKECMDGOALS)] [$(origin MAKECMDGOALS)] [$(flavor MAKECMDGOALS)])
all: ;
build: ;
test: ;
#--- args: build test
