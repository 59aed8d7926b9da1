FOO += more
$(info [$(FOO)] [$(origin FOO)])
all: ;
#--- args: -e
#--- env: FOO=env
