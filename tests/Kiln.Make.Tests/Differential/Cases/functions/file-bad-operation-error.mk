$(info before)
$(file out.txt,x)
all: ;
