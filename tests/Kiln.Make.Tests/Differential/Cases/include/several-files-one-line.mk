include a.mk b.mk   c.mk
$(info [$(MAKEFILE_LIST)])
$(info [$(A)$(B)$(C)])
all: ;
#--- file: a.mk
A = a
#--- file: b.mk
B = b
#--- file: c.mk
C = c
