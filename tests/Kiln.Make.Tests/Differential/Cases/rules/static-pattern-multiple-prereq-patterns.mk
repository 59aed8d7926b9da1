a.o: %.o: %.c %.h | %.d
b.o: %.o: %%.c
$(info [ok])
all: ;
#--- args: all
