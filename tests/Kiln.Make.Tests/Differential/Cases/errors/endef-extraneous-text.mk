define v
body
endef junk
$(info [$(v)])
all: ;
