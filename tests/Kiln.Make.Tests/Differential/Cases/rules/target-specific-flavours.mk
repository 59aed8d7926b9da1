X = global
t: A = $(X)
t: B := $(X)
t: C += more
t: override D = od
t: export E = exported
t: private F = priv
t: G ?= maybe
t: ;
X = changed
$(info [$(A)] [$(B)] [$(C)] [$(D)] [$(E)] [$(F)] [$(G)])
$(info [$(origin A)] [$(origin D)])
all: ;
