$(info [before])
x = 1
endif
$(info [after])
all: ;
