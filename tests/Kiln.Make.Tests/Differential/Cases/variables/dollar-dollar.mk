x = $$HOME $$$$ $$(y)
y = Y
$(info [$(x)] [$(value x)])
all: ;
