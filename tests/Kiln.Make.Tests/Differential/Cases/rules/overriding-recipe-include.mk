t: ; @echo one
include more.mk
all: ;
#--- args: all
#--- file: more.mk
t:
	@echo two
