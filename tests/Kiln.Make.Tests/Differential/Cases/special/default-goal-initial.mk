$(info [$(.DEFAULT_GOAL)] [$(origin .DEFAULT_GOAL)] [$(flavor .DEFAULT_GOAL)])
all: ;
