include ?.mk [xy].mk
$(info [$(MAKEFILE_LIST)])
all: ;
#--- file: a.mk
#--- file: b.mk
#--- file: x.mk
#--- file: ab.mk
