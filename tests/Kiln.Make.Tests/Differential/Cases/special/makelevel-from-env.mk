$(info [$(MAKELEVEL)] [$(origin MAKELEVEL)])
all: ;
#--- env: MAKELEVEL=3
