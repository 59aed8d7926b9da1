v = file
$(info [$(foreach v,x,$(origin v) $(flavor v) $(value v))])
$(info [$(origin v)] [$(flavor v)])
$(info [$(foreach u,y,$(origin u))] [$(origin u)])
all: ;
