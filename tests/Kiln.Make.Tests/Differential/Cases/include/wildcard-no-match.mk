$(info [before])
include nomatch/*.mk
$(info [after])
all: ;
