$(shell touch b2 a1 B3 c_ a-z a.z)
$(info [$(wildcard *)])
$(info [$(wildcard b* a*)])
$(info [$(wildcard c_ a1 zz a1)])
all: ;
