$(info [$(patsubst foo,bar,foo foo.c xfoo foo)])
$(info [$(patsubst foo,%,foo)])
$(info [$(patsubst %,foo,a b)])
all: ;
