$(info [$(patsubst ,x,a b)])
$(info [$(patsubst %.c,,a.c b.o c.c)])
$(info [$(patsubst %,,a b c)])
$(info [$(patsubst %,%,)])
$(info [$(patsubst %.c,%.o,  a.c    b.c  )])
all: ;
