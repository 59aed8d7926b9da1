t: override V = target-override
t: W = target
t: ;
$(info [$(V)] [$(W)] [$(origin V)])
all: ;
#--- args: V=cmd W=cmd all
