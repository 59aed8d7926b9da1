$(info [$(MAKECMDGOALS)] [$(origin MAKECMDGOALS)])
all: ;
