A = a
export A B C
$(info [$(A)] [$(origin A)] [$(origin B)] [$(origin C)])
all: ;
