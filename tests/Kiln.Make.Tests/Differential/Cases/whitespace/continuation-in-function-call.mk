$(info [$(subst a,b,\
   aaa   \
   c)])
x := $(strip \
    one \
    two)
$(info [$(x)])
all: ;
