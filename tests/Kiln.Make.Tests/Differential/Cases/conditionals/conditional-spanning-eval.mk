$(info [before])
ifeq (a,a)
$(eval endif)
$(info [after])
endif
all: ;
