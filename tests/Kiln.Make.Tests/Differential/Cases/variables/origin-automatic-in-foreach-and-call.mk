f = [$(origin 1)] [$(origin 2)] [$(flavor 1)]
$(info $(foreach v,x,[$(origin v)] [$(flavor v)]) $(call f,a))
all: ;
