t: V := $(error immediate target-specific)
all: ;
