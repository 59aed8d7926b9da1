$(info [before])
$(info [unclosed]
all: ;
