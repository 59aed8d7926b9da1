$(empty)
$(empty)   $(empty)
   $(empty)
$(info [ok])
all: ;
