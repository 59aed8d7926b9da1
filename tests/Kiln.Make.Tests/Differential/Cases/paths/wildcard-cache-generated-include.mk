$(info [$(wildcard *.mk)])
$(file >gen.mk,G = generated)
include gen.mk
$(info [$(G)] [$(wildcard *.mk)] [$(wildcard gen.mk)])
all: ;
