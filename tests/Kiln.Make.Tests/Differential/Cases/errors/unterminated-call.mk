$(info [before])
f = $(1)
y := $(call f,a
all: ;
