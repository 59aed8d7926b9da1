x = $(info expanded)value
a := $(x)
b := $(x)
$(info [$(a)] [$(b)])
all: ;
