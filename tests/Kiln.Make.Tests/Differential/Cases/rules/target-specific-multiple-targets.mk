a b: V = shared
a b: ;
$(info [$(V)] [$(.DEFAULT_GOAL)])
all: ;
