	include t.mk
$(info [$(T)] [$(MAKEFILE_LIST)])
all: ;
#--- file: t.mk
T = tabbed
