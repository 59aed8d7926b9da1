include a.mk \
        b.mk
$(info [$(MAKEFILE_LIST)])
all: ;
#--- file: a.mk
#--- file: b.mk
