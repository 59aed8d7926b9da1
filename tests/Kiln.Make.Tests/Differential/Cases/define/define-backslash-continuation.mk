define x
one \
   two
three\
four
endef
$(info [$(x)])
$(info [$(value x)])
all: ;
