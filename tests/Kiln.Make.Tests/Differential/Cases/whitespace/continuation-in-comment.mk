# a comment \
x = hidden
y = shown # comment \
z = also hidden
$(info [$(x)] [$(y)] [$(z)])
all: ;
