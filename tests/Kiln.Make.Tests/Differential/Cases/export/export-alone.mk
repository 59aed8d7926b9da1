export
X = 1
unexport
$(info [$(X)] [$(origin export)] [$(origin unexport)])
all: ;
