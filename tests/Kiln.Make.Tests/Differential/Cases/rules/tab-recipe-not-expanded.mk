x:
	$(info [should not print while reading])
	$(error nor this)
	@echo $(x)
$(info [read all])
all: ;
.DEFAULT_GOAL := all
