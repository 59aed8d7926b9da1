SHELL = /bin/bash
$(info [$(shell echo $${BASH_VERSION:+is-bash})])
SHELL = /bin/sh
$(info [$(shell echo $$0)])
all: ;
