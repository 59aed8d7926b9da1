a = $(b)
b = x $(a)
$(info [defined])
c := $(a)
all: ;
