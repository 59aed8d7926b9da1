t: $(subst ;,x,a;b) ; @:
u: $(x:a=b) ; @:
a:b = c
$(info [$(.DEFAULT_GOAL)] [$(b)])
all: ;
#--- args: all
