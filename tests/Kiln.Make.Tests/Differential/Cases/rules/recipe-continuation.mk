t:
	@echo one \
$(info [not a line of its own]) \
	two
$(info [read])
all: ;
#--- args: all
