$(info [before])
x = 1
	echo hello
all: ;
