X = global
foo: X = for-foo
foo: Y := $(X)-y
foo: ;
$(info [$(X)] [$(Y)])
all: ;
