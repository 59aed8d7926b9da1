$(shell touch 'star*' starX)
$(info [$(wildcard star\*)])
$(info [$(wildcard star*)])
$(info [$(wildcard {a,b})])
all: ;
