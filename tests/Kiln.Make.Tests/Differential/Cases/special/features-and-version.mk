$(info [$(.FEATURES)])
$(info [$(MAKE_VERSION)] [$(origin MAKE_VERSION)])
all: ;
