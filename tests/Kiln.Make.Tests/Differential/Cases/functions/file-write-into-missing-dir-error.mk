$(file >no/such/dir.txt,x)
all: ;
