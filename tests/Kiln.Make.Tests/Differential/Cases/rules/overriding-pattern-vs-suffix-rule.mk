%.o: %.c
	@echo one
%.o: %.c
	@echo two
.c.o:
	@echo s1
.c.o:
	@echo s2
all: ;
