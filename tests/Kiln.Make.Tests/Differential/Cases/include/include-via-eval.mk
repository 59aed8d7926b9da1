$(eval include e.mk)
$(info [$(MAKEFILE_LIST)] [$(E)])
all: ;
#--- file: e.mk
E = via-eval
