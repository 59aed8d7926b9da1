export A # comment
unexport B#comment
$(info [$(origin A)] [$(origin B)] [$(origin comment)] [$(origin #)])
all: ;
