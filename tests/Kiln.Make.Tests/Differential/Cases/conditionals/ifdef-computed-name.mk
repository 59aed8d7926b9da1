name = FOO
FOO = 1
ifdef $(name)
$(info [computed FOO defined])
endif
BAR_X =
ifndef BAR_$(suffix)X
$(info [BAR_X empty means not defined])
endif
ifdef $(name)$(empty)
$(info [computed with empty ref])
endif
all: ;
