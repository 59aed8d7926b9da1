f = $(warning in f with $(1))

$(call f,a)
x := $(call f,b)
all: ;
