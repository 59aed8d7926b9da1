x =
x ?= fallback
y := $(empty)
y ?= fallback
$(info [$(x)] [$(y)] [$(origin x)])
all: ;
