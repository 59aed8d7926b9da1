f = $(origin 1) $(flavor 1) $(origin 0) $(flavor 0) $(origin 2)
$(info [$(call f,x)])
g = $(value 1)
$(info [$(call g,$$(literal))])
all: ;
