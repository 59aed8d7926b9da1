$(file >empty.txt)
$(file >blank.txt,)
$(info [$(shell wc -c < empty.txt)] [$(shell wc -c < blank.txt)])
$(info [$(file <empty.txt)] [$(file <blank.txt)])
all: ;
