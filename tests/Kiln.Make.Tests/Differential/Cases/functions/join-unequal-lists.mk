$(info [$(join a b,.c .d .e)])
$(info [$(join a b c,1)])
$(info [$(join ,x y)] [$(join x y,)] [$(join ,)])
$(info [$(join   a   b ,  1   2  )])
$(info [$(join a,b,c)])
all: ;
