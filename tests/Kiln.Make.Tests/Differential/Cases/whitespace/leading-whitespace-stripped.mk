x =       value
y :=	 	value
   z = indented name
$(info [$(x)] [$(y)] [$(z)])
all: ;
