late = $(error expanded late)
$(info [defined])
x := 1
y := 2
z := $(late)
all: ;
