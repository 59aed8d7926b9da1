export X = 1
export Y
Y = 2
export
unexport Z
override export W = 3
export override V = 4
$(info [$(X)] [$(Y)] [$(W)] [$(V)] [$(origin W)] [$(origin V)])
all: ;
