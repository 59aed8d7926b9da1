	x = tabbed
$(info [$(x)] [$(origin x)])
all: ;
