define d
one \
two
endef
$(info [$(d)])
all: ;
