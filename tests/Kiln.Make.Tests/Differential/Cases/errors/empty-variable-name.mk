$(info [before])
$(empty) = x
all: ;
