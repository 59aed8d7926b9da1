$(info before)
x = $(word 1)
$(info after definition)
$(info [$(x)])
all: ;
