export FOO
unexport BAR
$(info [$(FOO)] [$(origin FOO)] [$(BAR)] [$(origin BAR)])
all: ;
#--- env: FOO=f
#--- env: BAR=b
