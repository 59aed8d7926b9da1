a = $(b)
b = 1
c := $(b)
b = 2
d ::= $(b)
e ?= first
e ?= second
$(info [$(a)] [$(c)] [$(d)] [$(e)] [$(flavor a)] [$(flavor c)] [$(flavor d)] [$(flavor e)])
all: ;
