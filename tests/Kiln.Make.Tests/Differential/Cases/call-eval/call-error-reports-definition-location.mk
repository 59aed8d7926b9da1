include defs.mk

x := $(call f,x)
all: ;
#--- file: defs.mk

f = $(wordlist 0,1,$(1))
