include fn.mk
$(info [$(call f,1)])
all: ;
#--- file: fn.mk
f = $(warning in f $(1))v$(1)
