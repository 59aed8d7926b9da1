a = x ; y
$(info [$(a)])
b: c = d ; e
all: ;
