$(info [$(word x,a b)])
all: ;
