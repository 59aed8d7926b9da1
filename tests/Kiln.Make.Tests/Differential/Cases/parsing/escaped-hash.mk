a = one \# two
b = three\\# four
c = x\\\# y
$(info [$(a)] [$(b)] [$(c)])
t\#1: ; @:
$(info [$(.DEFAULT_GOAL)])
all: ;
#--- args: all
