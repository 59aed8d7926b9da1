x := $(su\
bst a,b,abc)
$(info [$(x)])
all: ;
