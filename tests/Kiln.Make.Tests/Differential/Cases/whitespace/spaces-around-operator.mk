x	=	tabbed
y   :=   spaced
z+=	app
$(info [$(x)] [$(y)] [$(z)])
all: ;
