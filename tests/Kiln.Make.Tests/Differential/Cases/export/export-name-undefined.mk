export X
$(info [$(X)] [$(origin X)] [$(flavor X)])
ifdef X
$(info X defined)
else
$(info X not defined)
endif
all: ;
