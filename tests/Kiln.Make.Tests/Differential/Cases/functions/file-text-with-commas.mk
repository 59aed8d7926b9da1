$(file >c.txt,a,b , c)
$(info [$(file <c.txt)])
all: ;
