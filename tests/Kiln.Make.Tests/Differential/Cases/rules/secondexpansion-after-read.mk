.SECONDEXPANSION:
t: $$(info [second expansion not during read]) $(info [first expansion])
$(info [read])
all: ;
#--- args: all
