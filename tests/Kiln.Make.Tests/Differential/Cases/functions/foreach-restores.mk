i = outer
$(info $(foreach i,1 2 3,<$(i)>) $(i) $(origin i))
all: ;
