$(info [before])
-include adir
$(info [after])
all: ;
#--- file: adir/placeholder
x
