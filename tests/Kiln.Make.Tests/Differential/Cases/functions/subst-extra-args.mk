$(info [$(subst a,b,c,d,a)])
$(info [$(patsubst %,<%>,a,b c)])
$(info [$(findstring a,b,a,b)])
$(info [$(word 2,a,b c,d)])
all: ;
