# Lists appended to hundreds of times (a package Makefile's BUILD_PACKAGES), read between appends, redefined, with both flavours.
n := 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20
names := $(foreach a,$(n),$(foreach b,$(n),kmod-$(a)-$(b)))
$(foreach p,$(names),$(eval BUILD_PACKAGES += $(p)))
$(info $(words $(BUILD_PACKAGES)) $(lastword $(BUILD_PACKAGES)) $(flavor BUILD_PACKAGES))
simple := start
$(foreach p,$(names),$(eval simple += $$(p)-$(p)))
$(info $(words $(simple)) $(word 2,$(simple)) $(flavor simple))
read := x
$(foreach p,$(names),$(eval read += $(p))$(if $(filter kmod-10-10,$(lastword $(read))),$(info halfway $(words $(read)))))
read := reset
read += after
$(info $(read))
override kept := fixed
kept += more
$(foreach p,$(names),$(eval kept += $(p)))
$(info $(words $(kept)))
deferred = $(words $(BUILD_PACKAGES))
$(foreach p,$(names),$(eval deferred += $$(words $$(BUILD_PACKAGES))))
$(info $(words $(deferred)) $(lastword $(deferred)))
$(foreach p,$(names),$(eval cl += $(p)))
$(info $(cl) $(origin cl))
all: ;
#--- args: cl=from-the-command-line
