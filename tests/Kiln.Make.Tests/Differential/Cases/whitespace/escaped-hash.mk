x = a \# b
y = c\\#d
z = \\\#e
$(info [$(x)] [$(y)] [$(z)])
all: ;
