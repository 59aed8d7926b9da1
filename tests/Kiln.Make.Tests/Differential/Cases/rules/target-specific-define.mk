t: define V
multi
line
endef
$(info [read])
all: ;
