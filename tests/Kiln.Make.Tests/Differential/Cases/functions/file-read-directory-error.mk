$(shell mkdir d)
$(info [$(file <d)])
all: ;
