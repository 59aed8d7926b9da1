x := before $(eval x := inner) after
$(info [$(x)])
y := $(eval z = set-in-eval)[$(z)]
$(info [$(y)])
all: ;
