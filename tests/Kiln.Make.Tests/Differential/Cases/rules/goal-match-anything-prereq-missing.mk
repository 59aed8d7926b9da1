all: ;
%: %.q ; @:
#--- args: zz
