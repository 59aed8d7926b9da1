$(shell mkdir -p real/sub && touch real/sub/f && ln -s real link && ln -s sub/f real/lf)
rel = $(patsubst $(CURDIR)%,<cur>%,$(1))
$(info [$(call rel,$(realpath link/sub/f))])
$(info [$(call rel,$(realpath link/lf))])
$(info [$(call rel,$(realpath link/sub/../sub/./f))])
$(info [$(call rel,$(realpath link))] [$(call rel,$(realpath link/))])
all: ;
