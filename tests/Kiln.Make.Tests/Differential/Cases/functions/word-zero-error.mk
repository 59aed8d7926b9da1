$(info [$(word 1,a)])
$(info [$(word 0,a b)])
all: ;
