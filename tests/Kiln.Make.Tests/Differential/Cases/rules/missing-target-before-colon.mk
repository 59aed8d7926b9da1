$(info [before])
: dep
$(info [after])
all: ;
