r = 1
s := 2
ss ::= 3
c ?= 4
a += 5
e != echo 6
define d
7
endef
define ds :=
8
endef
$(info [$(flavor r)] [$(flavor s)] [$(flavor ss)] [$(flavor c)] [$(flavor a)] [$(flavor e)])
$(info [$(flavor d)] [$(flavor ds)] [$(flavor nope)] [$(flavor CC)] [$(flavor PATH)] [$(flavor MAKE)])
s += more
$(info [$(flavor s)] [$(s)])
all: ;
