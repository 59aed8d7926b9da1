a=1
b:=2
c::=3
d?=4
d+=5
e!=echo 6
$(info [$(a)] [$(b)] [$(c)] [$(d)] [$(e)])
all: ;
