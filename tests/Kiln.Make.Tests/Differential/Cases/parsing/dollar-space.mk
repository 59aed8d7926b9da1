a = x$ y
$(info [$(a)])
b := p$ q
$(info [$(b)])
all: ;
