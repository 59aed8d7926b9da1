a b = c
$(info [$(a b)] [$(origin a b)])
all: ;
