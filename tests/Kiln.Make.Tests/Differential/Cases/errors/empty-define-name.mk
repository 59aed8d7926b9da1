$(info [before])
define $(empty)
body
endef
all: ;
