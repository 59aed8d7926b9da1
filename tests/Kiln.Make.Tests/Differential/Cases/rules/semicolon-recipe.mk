r: dep ; @echo never $(info not expanded)
dep: ;
$(info [$(.DEFAULT_GOAL)])
all: ;
.DEFAULT_GOAL := all
