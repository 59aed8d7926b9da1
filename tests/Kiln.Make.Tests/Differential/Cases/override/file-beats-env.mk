$(info [$(FOO)] [$(origin FOO)])
FOO = file
$(info [$(FOO)] [$(origin FOO)])
all: ;
#--- env: FOO=env
