$(info [before])
else
$(info [after])
all: ;
