override FOO = file
$(info [$(FOO)] [$(origin FOO)])
all: ;
#--- args: -e
#--- env: FOO=env
