empty =
ref = $(empty)
ifdef empty
$(info empty is defined)
else
$(info empty is not defined)
endif
ifdef ref
$(info ref is defined)
endif
ifndef nothing
$(info nothing is undefined)
endif
all: ;
