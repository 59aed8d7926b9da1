FOO ?= file
$(info [$(FOO)] [$(origin FOO)] [$(flavor FOO)])
all: ;
#--- env: FOO=from-env
