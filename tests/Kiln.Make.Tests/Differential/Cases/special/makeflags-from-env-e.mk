FOO = file
$(info [$(FOO)] [$(origin FOO)] [$(MAKEFLAGS)] [$(origin MAKEFLAGS)])
all: ;
#--- env: MAKEFLAGS=e
#--- env: FOO=env
