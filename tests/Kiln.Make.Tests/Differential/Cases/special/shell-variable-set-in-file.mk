SHELL = /bin/sh
x := $(shell echo ok)
$(info [$(SHELL)] [$(origin SHELL)] [$(x)])
all: ;
