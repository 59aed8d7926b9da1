$(info [main $(MAKEFILE_LIST)])
all: ;
#--- env: MAKEFILES=nope.mk also-nope.mk
