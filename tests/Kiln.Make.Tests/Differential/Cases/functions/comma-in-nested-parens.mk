comma := ,
$(info [$(subst (a,b),X,(a,b) c)])
$(info [$(subst $(comma),;,a,b,c)])
$(info [$(patsubst %,[%],$(subst x,y,ax,bx))])
all: ;
