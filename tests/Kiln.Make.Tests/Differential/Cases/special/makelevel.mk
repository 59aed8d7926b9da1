$(info [$(MAKELEVEL)] [$(origin MAKELEVEL)] [$(flavor MAKELEVEL)])
all: ;
