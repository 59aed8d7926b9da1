x = a	b		c
$(info [$(x)] [$(words $(x))] [$(strip $(x))])
all: ;
