define
body
endef
all: ;
