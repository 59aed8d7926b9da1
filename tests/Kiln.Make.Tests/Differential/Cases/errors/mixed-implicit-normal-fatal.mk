$(info [before])
%.o a.o: x
all: ;
