export X = $$HOME
$(info [$(X)] [$(value X)])
all: ;
