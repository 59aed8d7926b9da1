$(info [before])
; echo hi
all: ;
