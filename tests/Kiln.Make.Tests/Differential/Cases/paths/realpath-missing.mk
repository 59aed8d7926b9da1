$(shell touch here && ln -s nowhere dangling)
rel = $(patsubst $(CURDIR)%,<cur>%,$(1))
$(info [$(call rel,$(realpath missing here also-missing))])
$(info [$(call rel,$(realpath dangling))])
$(info [$(call rel,$(realpath here/..))] [$(call rel,$(realpath here/))])
$(info [$(realpath )] [$(realpath /)] [$(realpath /usr/bin/../bin)])
all: ;
