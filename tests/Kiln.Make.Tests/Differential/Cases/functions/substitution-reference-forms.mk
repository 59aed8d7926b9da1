l = a.c  b.c   c.h
$(info [$(l:.c=.o)])
$(info [$(l:%.c=%)])
$(info [$(l:=.x)])
$(info [$(l:c=)])
$(info [${l:.c=.o}])
empty =
$(info [$(empty:a=b)])
all: ;
