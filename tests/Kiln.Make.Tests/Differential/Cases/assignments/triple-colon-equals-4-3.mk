x :::= value
$(info [$(x)] [$(origin x)])
all: ;
