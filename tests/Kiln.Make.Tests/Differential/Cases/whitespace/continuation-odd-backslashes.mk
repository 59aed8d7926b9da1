x = a\\\
b
y = c\\\\\
d
$(info [$(x)] [$(y)])
all: ;
