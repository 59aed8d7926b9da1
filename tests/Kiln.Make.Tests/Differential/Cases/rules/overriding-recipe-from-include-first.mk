include r.mk
t: ; @echo main
all: ;
#--- args: all
#--- file: r.mk

t:
	@echo one
	@echo two
