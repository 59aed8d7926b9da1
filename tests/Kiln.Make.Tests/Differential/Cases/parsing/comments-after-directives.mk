override o = 1 # comment after override
export e = 2 # comment after export
unexport e # comment after unexport
v = 3# comment without space
define d # comment after define
body # not a comment inside define
endef # comment after endef
$(info [$(o)] [$(e)] [$(v)] [$(d)])
undefine v # comment after undefine
$(info [$(origin v)])
all: ;
