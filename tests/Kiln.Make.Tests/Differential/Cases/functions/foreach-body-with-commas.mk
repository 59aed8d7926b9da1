$(info [$(foreach i,a b,$(i),x)])
$(info [$(foreach i,a	b   c,-$(i)-)])
$(info [$(foreach i,a b,)])
$(info [$(foreach i,a b, )])
all: ;
