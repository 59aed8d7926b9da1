ifdefx = 1
exporting = 2
$(info [$(ifdefx)] [$(exporting)])
define_me: ;
$(info [$(.DEFAULT_GOAL)])
all: ;
#--- args: all
