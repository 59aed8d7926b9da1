$(info [$(info)])
info = variable named info
$(info [$(info)])
$(info )
$(info [$(subst)] [$(strip)])
all: ;
