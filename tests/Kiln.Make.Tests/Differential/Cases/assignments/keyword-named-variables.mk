export = E
override := O
private = P
define ?= D
undefine += U
$(info [$(export)] [$(override)] [$(private)] [$(define)] [$(undefine)])
all: ;
