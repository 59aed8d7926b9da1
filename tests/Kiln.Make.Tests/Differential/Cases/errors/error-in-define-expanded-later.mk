define boom
$(error from define)
endef
$(info [before])
$(info $(boom))
all: ;
