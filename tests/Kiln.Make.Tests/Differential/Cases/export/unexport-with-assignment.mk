unexport X = 1
$(info [$(X)] [$(origin X)] [$(origin =)] [$(origin 1)])
all: ;
