$(eval ifeq (a,a))
all: ;
