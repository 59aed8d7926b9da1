export X ?= a
export X ?= b
$(info [$(X)] [$(origin X)])
all: ;
