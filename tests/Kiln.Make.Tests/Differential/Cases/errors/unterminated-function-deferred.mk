x = $(subst a,b,abc
$(info [defined ok])
y := $(x)
all: ;
