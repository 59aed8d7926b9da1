names = P Q
export $(names)
unexport $(addsuffix _x,$(names))
$(info [$(origin P)] [$(origin Q)] [$(origin P_x)] [$(origin Q_x)] [$(origin names)])
all: ;
