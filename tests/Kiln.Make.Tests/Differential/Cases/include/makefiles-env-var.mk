$(info [main sees $(MAKEFILE_LIST)] [$(E)] [$(.DEFAULT_GOAL)])
all: ;
#--- file: extra.mk
E = from-makefiles
$(info [extra sees $(MAKEFILE_LIST)])
extra-target: ;
#--- env: MAKEFILES=extra.mk
