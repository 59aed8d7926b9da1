FOO += file-part
$(info [$(FOO)] [$(origin FOO)] [$(flavor FOO)])
all: ;
#--- env: FOO=env-part
