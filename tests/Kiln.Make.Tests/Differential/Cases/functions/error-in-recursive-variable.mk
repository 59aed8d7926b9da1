e = $(error expanded from e)
$(info defined)

x = $(e)
$(info still fine)
y := $(x)
all: ;
