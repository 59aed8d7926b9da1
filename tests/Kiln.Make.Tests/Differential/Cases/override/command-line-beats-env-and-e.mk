$(info [$(FOO)] [$(origin FOO)])
all: ;
#--- args: -e FOO=cmd
#--- env: FOO=env
