$(info [$(foreach x,,$(info never))])
$(info [$(foreach x,   ,$(info never))])
x = keep
$(info [$(foreach x,a,)] [$(x)])
all: ;
