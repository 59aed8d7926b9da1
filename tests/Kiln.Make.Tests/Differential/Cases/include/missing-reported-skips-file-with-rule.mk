$(info [reading])
include a.mk b.mk
b.mk: ;
all: ;
