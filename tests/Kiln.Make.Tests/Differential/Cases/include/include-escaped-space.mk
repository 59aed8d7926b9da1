include a\ b.mk
$(info [$(MAKEFILE_LIST)] [$(AB)])
all: ;
#--- file: a b.mk
AB = spaced
