a_1 = one
a_2 = two
n = 1 2
undefine $(addprefix a_,$(n))
$(info [$(origin a_1)] [$(origin a_2)])
all: ;
