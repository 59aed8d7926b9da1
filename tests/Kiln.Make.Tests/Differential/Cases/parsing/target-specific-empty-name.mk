$(info [before])
a : = value
all: ;
