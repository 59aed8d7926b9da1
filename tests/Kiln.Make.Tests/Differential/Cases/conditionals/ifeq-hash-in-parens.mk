ifeq (a#b,a#b)
$(info [hash in parens equal])
endif
all: ;
