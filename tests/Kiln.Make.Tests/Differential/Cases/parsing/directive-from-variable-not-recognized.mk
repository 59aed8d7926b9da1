d = ifdef x
$(d)
$(info [after])
all: ;
