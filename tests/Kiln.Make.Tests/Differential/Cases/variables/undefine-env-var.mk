undefine FOO
$(info [$(FOO)] [$(origin FOO)])
all: ;
#--- env: FOO=env
