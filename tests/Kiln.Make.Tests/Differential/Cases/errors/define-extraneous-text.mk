define v = extra
body
endef
$(info [$(v)])
all: ;
