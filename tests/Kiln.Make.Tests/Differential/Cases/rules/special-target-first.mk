.PHONY: p
.SUFFIXES:
.SUFFIXES: .a .b
.a.b: ; @:
p: ;
$(info [$(.DEFAULT_GOAL)])
