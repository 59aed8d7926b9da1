$(shell mkdir d)
$(file >d,x)
all: ;
