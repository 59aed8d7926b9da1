export := a
override := b
ifdef := c
define := d
$(info [$(export)] [$(override)] [$(ifdef)] [$(define)])
all: ;
