$(info [$(abspath /a/../b/./c)])
$(info [$(abspath /../..)] [$(abspath /)] [$(abspath //)] [$(abspath ///x//y//)])
$(info [$(abspath /a/b/..)] [$(abspath /a/b/../..)] [$(abspath /a/./)] [$(abspath /a/.)])
$(info [$(abspath /a/...)] [$(abspath /a/..b)] [$(abspath /a/b/../../../c)])
$(info [$(abspath )] [$(abspath   /x   /y  )])
all: ;
