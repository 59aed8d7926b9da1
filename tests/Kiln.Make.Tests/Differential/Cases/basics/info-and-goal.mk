$(info hello world)
all: ;
