l = a.c b.h c.c a.c d.o  e.h a.c
$(info [$(filter %.c %.h,$(l))])
$(info [$(filter-out %.c %.h,$(l))])
$(info [$(filter a.c,$(l))])
$(info [$(filter-out a.c,$(l))])
$(info [$(filter %,$(l))] [$(filter-out %,$(l))])
$(info [$(filter a%c,abc ac a.c.x)])
$(info [$(filter \%x,%x ax)])
$(info [$(filter ,a b)] [$(filter a,)])
all: ;
