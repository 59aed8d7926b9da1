$(info [$(sort b a c a B _ 1 10 2 -x ~ a.b a-b ab)])
$(info [$(sort   z  z  y  )])
$(info [$(sort )])
$(info [$(sort b,a a,b)])
all: ;
