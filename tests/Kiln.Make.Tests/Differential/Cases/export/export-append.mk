X = a
export X += b
export Y += c
$(info [$(X)] [$(Y)] [$(flavor Y)])
all: ;
