include bad.mk
all: ;
#--- file: bad.mk
ok = 1
bad line
