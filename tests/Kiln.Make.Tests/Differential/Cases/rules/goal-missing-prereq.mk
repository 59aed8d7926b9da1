all: missing
#--- args: all
