$(info [$(CURDIR)] [$(origin CURDIR)] [$(flavor CURDIR)])
$(info [$(CURDIR:$(abspath .)=same)])
CURDIR = changed
$(info [$(CURDIR)] [$(origin CURDIR)])
all: ;
