X = <$(Y)>
export X
Y = y
$(info [$(X)] [$(origin X)] [$(flavor X)])
all: ;
