define x
# not a comment here
value # still here
endef
$(info [$(x)])
all: ;
