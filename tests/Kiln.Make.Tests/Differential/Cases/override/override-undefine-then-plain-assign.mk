override x = 1
override undefine x
x = 2
$(info [$(x)] [$(origin x)])
all: ;
