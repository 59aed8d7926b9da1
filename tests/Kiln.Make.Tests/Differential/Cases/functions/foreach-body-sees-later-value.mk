body = [$(i)$(suffix_var)]
suffix_var = !
$(info $(foreach i,1 2,$(body)))
$(info $(foreach i,1 2,$(eval last := $(i))))
$(info [$(last)] [$(origin i)])
all: ;
