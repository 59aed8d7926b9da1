include nowhere.mk
all: ;
#--- file: sub/other.mk
#--- args: -I sub
