-include missing1.mk
sinclude missing2.mk
-include present.mk missing3.mk
$(info [$(MAKEFILE_LIST)])
$(info [$(P)])
all: ;
#--- file: present.mk
P = present
