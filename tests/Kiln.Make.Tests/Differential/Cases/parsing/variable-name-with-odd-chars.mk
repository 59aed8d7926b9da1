a.b = dot
a-b = dash
a/b = slash
a%b = percent
$(info [$(a.b)] [$(a-b)] [$(a/b)] [$(a%b)])
all: ;
