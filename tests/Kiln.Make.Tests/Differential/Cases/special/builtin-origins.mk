$(info [$(origin MAKE_RESTARTS)] [$(origin MAKEFILES)] [$(MAKEFILES)] [$(origin .INCLUDE_DIRS)] [$(origin MAKE_HOST)] [$(origin SUFFIXES)])
$(info [$(origin MAKE_TERMOUT)] [$(origin MAKE_TERMERR)] [$(origin @)] [$(origin .VARIABLES)])
all: ;
