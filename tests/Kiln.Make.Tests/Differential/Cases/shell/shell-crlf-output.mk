a := $(shell printf 'a\r\nb\r\n')
$(info [$(a)])
b := $(shell printf 'x\ry\r')
$(info [$(subst $(shell printf '\r'),<CR>,$(b))])
c := $(shell printf 'p\r\r\nq')
$(info [$(subst $(shell printf '\r'),<CR>,$(c))])
all: ;
