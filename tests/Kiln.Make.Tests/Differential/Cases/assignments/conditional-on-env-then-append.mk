FOO ?= ignored
FOO += more
$(info [$(FOO)] [$(origin FOO)])
all: ;
#--- env: FOO=env
