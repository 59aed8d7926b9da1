ifeq (a,a)
$(info inside)
$(eval endif)
endif
all: ;
