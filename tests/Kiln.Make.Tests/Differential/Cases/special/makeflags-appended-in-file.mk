MAKEFLAGS += -k
$(info [$(MAKEFLAGS)] [$(origin MAKEFLAGS)] [$(flavor MAKEFLAGS)])
all: ;
