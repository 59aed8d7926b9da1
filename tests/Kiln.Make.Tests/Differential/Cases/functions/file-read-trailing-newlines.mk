$(info [$(file <two.txt)])
$(info [$(file <multi.txt)])
$(info [$(file <none.txt)])
all: ;
#--- file: two.txt
x


#--- file: multi.txt
line 1
  line 2
#--- file: none.txt
no newline