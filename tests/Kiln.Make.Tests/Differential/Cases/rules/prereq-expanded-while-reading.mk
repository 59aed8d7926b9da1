t: $(info [in prereq]) ; $(info [in recipe])
u $(info [in target]): ;
$(info [$(.DEFAULT_GOAL)])
all: ;
#--- args: all
