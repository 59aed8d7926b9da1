name = target
target = $(other)
other = O
$(info [$(value $(name))] [$(value $(name) )] [$(value  target)])
$(info [$(value $(value name))])
all: ;
