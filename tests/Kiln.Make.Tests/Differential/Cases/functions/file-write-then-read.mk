$(file >out.txt,hello world)
$(info [$(file <out.txt)])
$(info [$(shell od -c out.txt | head -1)])
$(info [$(file > out.txt ,second)] [$(file <out.txt)])
all: ;
