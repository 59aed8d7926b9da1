include tail.mk
$(info [$(T)] [$(U)])
U = main
all: ;
#--- file: tail.mk
U = from-tail
T = no newline at end