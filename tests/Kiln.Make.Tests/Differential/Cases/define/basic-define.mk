define two-lines
first $(x)
second
endef
x = X
$(info $(two-lines))
define simple :=
value of x: $(x)
endef
x = changed
$(info $(simple) $(flavor simple))
all: ;
