f = [$(1)]
x = X
$(info $(call f,$$(x)))
$(info $(call f,$(x)))
d = $$
$(info $(call f,$(d)(x)))
all: ;
