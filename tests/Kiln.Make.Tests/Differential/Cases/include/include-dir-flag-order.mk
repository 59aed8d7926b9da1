include x.mk
$(info [$(MAKEFILE_LIST)] [$(X)])
all: ;
#--- file: d1/x.mk
X = d1
#--- file: d2/x.mk
X = d2
#--- args: -I d2 -I d1
