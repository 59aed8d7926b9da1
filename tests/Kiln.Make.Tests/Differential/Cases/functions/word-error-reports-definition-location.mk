include defs.mk
$(info main)
x := $(bad_word)
all: ;
#--- file: defs.mk

bad_word = $(word x,a)
