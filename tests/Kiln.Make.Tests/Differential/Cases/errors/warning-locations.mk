$(warning line one)
x = $(warning recursive)
include w.mk
y := $(x)
define d
$(warning in define via eval)
endef
$(eval $(d))
all: ;
#--- file: w.mk

$(warning in include)
