unexport Y
$(info [$(Y)] [$(origin Y)] [$(flavor Y)])
all: ;
