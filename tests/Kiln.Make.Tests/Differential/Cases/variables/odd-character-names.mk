a.b = dot
a-b = dash
a/b = slash
a+b = plus
@x = at
$(info [$(a.b)] [$(a-b)] [$(a/b)] [$(a+b)] [$(@x)])
all: ;
