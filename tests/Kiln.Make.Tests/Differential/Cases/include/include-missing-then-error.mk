include missing.mk
$(error stop here)
all: ;
