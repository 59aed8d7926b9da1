t: ; @echo one
t: ; @echo two
all: ;
#--- args: all
