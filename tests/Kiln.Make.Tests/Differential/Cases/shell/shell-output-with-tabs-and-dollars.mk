x := $(shell printf 'a\tb $$(y) $$$$')
y = SHOULD-NOT-EXPAND
$(info [$(x)] [$(value x)])
all: ;
