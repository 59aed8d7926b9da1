$(info before)
$(info [$(call subst,a)])
all: ;
