$(info [read])
all: ;
#--- args: nonexistent
