s := [$(1)]
t := [$$(1)]
$(info $(call s,a) $(call t,b))
$(info [$(value s)] [$(value t)])
all: ;
