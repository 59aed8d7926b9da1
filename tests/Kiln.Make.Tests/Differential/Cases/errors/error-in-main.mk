$(info [before])
x = 1

$(error main file error: $(x))
$(info [after])
all: ;
