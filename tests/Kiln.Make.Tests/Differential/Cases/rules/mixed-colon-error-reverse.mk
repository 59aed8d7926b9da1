$(info [before])
t:: ; @:
t: ; @:
$(info [after])
all: ;
