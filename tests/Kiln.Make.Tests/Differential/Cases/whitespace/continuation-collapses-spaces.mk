x = a    \
      b   \
	c
$(info [$(x)])
all: ;
