include def.mk
$(info [after])
all: ;
#--- file: def.mk
define D
text
