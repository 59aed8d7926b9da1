reverse = $(if $(1),$(call reverse,$(wordlist 2,$(words $(1)),$(1))) $(firstword $(1)))
$(info [$(strip $(call reverse,a b c d))])
count = $(if $(word $(1),$(2)),$(call count,$(words x $(wordlist 2,$(1),$(2)) x),$(2)),$(1))
$(info [$(call reverse,)])
all: ;
