$(info [$(shell printf 'a\000b')])
x := $(shell printf 'c\000d e')
$(info [$(x)] [$(words $(x))])
all: ;
