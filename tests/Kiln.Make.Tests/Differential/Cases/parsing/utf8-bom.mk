a = after bom
$(info [$(a)])
all: ;
