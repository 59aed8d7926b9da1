$(info [$(if x,$(info then-side)T,$(info else-side)E)])
$(info [$(if ,$(info then-side)T,$(info else-side)E)])
$(info [$(if $(info cond-side),T,E)])
all: ;
