a != printf 'a\n\n\n'
$(info [$(a)])
b := $(shell printf 'a\n\n\n')
$(info [$(b)])
c != printf 'x\ny\n'
$(info [$(c)])
d != printf 'crlf\r\n\r\n'
$(info [$(d)])
all: ;
