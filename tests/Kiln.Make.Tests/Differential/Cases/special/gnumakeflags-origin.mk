$(info [$(GNUMAKEFLAGS)] [$(origin GNUMAKEFLAGS)] [$(flavor GNUMAKEFLAGS)])
all: ;
