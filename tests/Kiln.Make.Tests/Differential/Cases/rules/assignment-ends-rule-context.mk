t:
x = 1
	$(info [not expanded])
$(info [read])
all: ;
#--- args: all
#--- file: e.mk
