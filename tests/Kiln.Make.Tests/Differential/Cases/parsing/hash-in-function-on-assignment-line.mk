b := $(strip a # b)
$(info [$(b)])
all: ;
