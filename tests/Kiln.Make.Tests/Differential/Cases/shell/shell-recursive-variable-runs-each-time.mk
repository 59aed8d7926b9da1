cnt = $(shell echo run >&2; echo value)
$(info [$(cnt)] [$(cnt)])
once := $(shell echo once >&2)
$(info [$(once)] [$(once)])
all: ;
