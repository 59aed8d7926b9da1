$(info [$(MAKE)] [$(value MAKE)] [$(origin MAKE)] [$(MAKE_COMMAND)] [$(origin MAKE_COMMAND)])
all: ;
