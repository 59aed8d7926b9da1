x = a # comment
y = b#comment
z = # only comment
$(info [$(x)] [$(y)] [$(z)])
all: ;
