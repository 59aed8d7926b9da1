src = a.c b.c
from = .c
to = .o
which = src
$(info [$(src:$(from)=$(to))] [$($(which):.c=.s)])
all: ;
