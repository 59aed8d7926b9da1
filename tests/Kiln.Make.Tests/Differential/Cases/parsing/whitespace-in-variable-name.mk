$(info [before])
a b = c
$(info [$(a b)])
all: ;
