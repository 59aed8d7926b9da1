include lib.mk
$(info main)

$(call boom,x)
all: ;
#--- file: lib.mk
boom = $(error boom $(1))
