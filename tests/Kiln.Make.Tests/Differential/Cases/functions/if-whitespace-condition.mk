space := $(subst x, ,x)
empty :=
$(info [$(if   ,yes,no)])
$(info [$(if $(space),yes,no)])
$(info [$(if $(empty) ,yes,no)])
$(info [$(if $(empty)$(space),yes,no)])
$(info [$(or $(space),other)] [$(and $(space),last)])
$(info [$(if x,,no)] [$(if ,yes)])
all: ;
