$(info [$(A.B)] [$(origin A.B)] [$(C-D)])
all: ;
#--- env: A.B=dot
#--- env: C-D=dash
