$(info [$(subst a, b ,x a y)])
$(info [$(subst a ,-,a a a)])
$(info [$(subst  a,b,aa)])
$(info [$(subst a,b,  a   a  )])
$(info [$(subst aa,a,aaaaa)])
all: ;
