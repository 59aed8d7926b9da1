a = one   \
      two
b = one\
two
c = one \
\
two
d := $(strip x \
	y)
$(info [$(a)] [$(b)] [$(c)] [$(d)])
all: ;
