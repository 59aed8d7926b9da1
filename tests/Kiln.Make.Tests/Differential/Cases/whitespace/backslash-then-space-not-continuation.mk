x = a\ 
y = b
$(info [$(x)] [$(y)])
all: ;
