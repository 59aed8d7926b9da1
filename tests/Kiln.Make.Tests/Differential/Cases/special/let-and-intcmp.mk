$(info [$(let a,b,c)] [$(intcmp 1,2,lt)])
all: ;
