$(info [reading])
all: ;
%: ;
include x.mk
