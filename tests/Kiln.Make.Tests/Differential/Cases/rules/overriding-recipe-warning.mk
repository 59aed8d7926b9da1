t:
	@echo one
t:
	@echo two
t: extra
all: ;
#--- args: all
