x = X
y = ${x}-$(x)-${x:X=Z}
$(info [${x}] [${x}${x}] [$(y)])
all: ;
