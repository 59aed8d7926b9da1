$(info [reading])
include gen.mk
.DEFAULT: ;
all: ;
