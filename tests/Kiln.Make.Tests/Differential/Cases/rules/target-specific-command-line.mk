V = file
t: V = target
t: W += target
all: ;
$(info [$(V)] [$(W)])
#--- args: V=cmd W=cmd
