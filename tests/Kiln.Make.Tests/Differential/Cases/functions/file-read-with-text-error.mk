$(file >x.txt,x)
$(info [$(file <x.txt,extra)])
all: ;
