$(info [before])
x := $(subst a,b,abc
all: ;
