$(info before)
x := $(subst a,b,c
all: ;
