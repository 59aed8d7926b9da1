$(info [before])
x = ${foo
$(info [$(x)])
all: ;
