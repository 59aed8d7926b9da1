bar = B
$(info [$(FOO)] [$(value FOO)] [$(flavor FOO)])
FOO += x
bar = C
$(info [$(FOO)])
all: ;
#--- env: FOO=<$(bar)>
