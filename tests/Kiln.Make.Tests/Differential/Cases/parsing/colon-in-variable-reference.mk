srcs = a.c b.c
$(srcs:.c=.o): ; @:
x = $(srcs:%.c=%.h)
$(info [$(x)] [$(.DEFAULT_GOAL)])
all: ;
#--- args: all
