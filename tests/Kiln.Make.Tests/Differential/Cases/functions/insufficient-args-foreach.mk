$(info [$(foreach i,a b)])
all: ;
