x = early
$(eval a = $(x))
$(eval b = $$(x))
$(eval c := $$(x))
$(eval d = $$$$(x))
x = late
$(info [$(a)] [$(b)] [$(c)] [$(d)] [$(value d)])
all: ;
