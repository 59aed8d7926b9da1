x != echo '$$(y) $$$$z'
y = Y
$(info [$(x)] [$(value x)])
all: ;
