x := $(x) a
$(info [$(x)] [$(flavor x)])
all: ;
