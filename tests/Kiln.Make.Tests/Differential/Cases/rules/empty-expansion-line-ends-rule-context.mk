t:
$(empty)
	$(info [not expanded])
$(info [read])
all: ;
#--- args: all
#--- file: e.mk
