define v
body
endef # comment
$(info [$(v)])
all: ;
