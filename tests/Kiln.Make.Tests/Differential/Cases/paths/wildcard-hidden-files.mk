$(shell touch .hidden visible && mkdir .hdir)
$(info [$(wildcard *)])
$(info [$(wildcard .*)])
$(info [$(wildcard .h*)] [$(wildcard */)] [$(wildcard .*/)])
all: ;
