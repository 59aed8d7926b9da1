%.o: CFLAGS = -O2
%.o: CFLAGS += -g
%.o: ;
$(info [$(CFLAGS)] [$(.DEFAULT_GOAL)])
all: ;
