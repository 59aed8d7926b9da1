$(file > ,x)
all: ;
