$(info [$(file <does-not-exist.txt)])
all: ;
