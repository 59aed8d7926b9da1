rel = $(patsubst $(CURDIR)%,<cur>%,$(1))
$(info [$(call rel,$(abspath a/../b))])
$(info [$(call rel,$(abspath .))] [$(call rel,$(abspath ./))] [$(call rel,$(abspath x/))])
$(info [$(call rel,$(abspath ../$(notdir $(CURDIR))/q))])
all: ;
