x = foo
foo_y = found
kind = x
$(info [$($(x)_y)] [$($($(kind))_y)])
all: ;
