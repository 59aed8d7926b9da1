colon = :
target $(colon) dep
$(info [$(.DEFAULT_GOAL)])
all: ;
#--- args: all
