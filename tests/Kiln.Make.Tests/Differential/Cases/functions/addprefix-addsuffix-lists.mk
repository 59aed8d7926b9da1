$(info [$(addprefix src/,a   b  c)])
$(info [$(addsuffix .o,  a b  )])
$(info [$(addprefix ,a b)] [$(addsuffix ,a b)])
$(info [$(addprefix x,)] [$(addsuffix x,   )])
$(info [$(addprefix  p , a b)] [$(addsuffix , s,a)])
all: ;
