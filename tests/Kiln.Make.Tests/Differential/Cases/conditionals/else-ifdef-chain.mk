B = 1
ifdef A
$(info [A])
else ifdef B
$(info [B])
else ifndef C
$(info [not C])
else
$(info [else])
endif
ifndef B
$(info [1])
else ifeq ($(B),2)
$(info [2])
else ifneq "$(B)" "1"
$(info [3])
else
$(info [final else])
endif
all: ;
