FOO = file
BAR = file
$(info [$(FOO)] [$(origin FOO)] [$(BAR)] [$(origin BAR)])
all: ;
#--- args: -e
#--- env: FOO=env
