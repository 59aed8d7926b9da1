a)b = paren
c}d = brace
x := ${a)b}
y := $(c}d)
$(info [$(x)] [$(y)])
all: ;
