a := $(shell printf 'one\ntwo\n\n\nthree\n\n\n')
$(info [$(a)])
b := $(shell printf '\n\n')
$(info [$(b)])
c := $(shell printf '  lead and trail  ')
$(info [$(c)])
all: ;
