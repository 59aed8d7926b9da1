n = VAR
export $(n)_1 = one
export $(n)_2 := two
$(info [$(VAR_1)] [$(VAR_2)] [$(origin VAR_1)])
all: ;
