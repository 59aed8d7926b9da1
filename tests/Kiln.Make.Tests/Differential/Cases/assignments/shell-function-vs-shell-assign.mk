a := $(shell printf 'a\nb\n\nc\n\n\n')
b != printf 'a\nb\n\nc\n\n\n'
$(info [$(a)] [$(b)])
all: ;
