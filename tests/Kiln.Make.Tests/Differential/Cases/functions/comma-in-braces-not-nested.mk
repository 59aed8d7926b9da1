$(info [${subst (a,b),x,(a,b)}])
$(info [${subst {a,b},x,{a,b}}])
$(info [$(subst {a,b},x,{a,b})])
all: ;
