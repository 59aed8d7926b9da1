$(eval -include optional.mk)
$(info [$(MAKEFILE_LIST)])
$(eval include required.mk)
$(info after)
all: ;
