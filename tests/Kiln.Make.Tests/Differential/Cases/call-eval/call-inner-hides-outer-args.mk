inner = <$(1)|$(2)|$(3)|$(4)>
outer = $(call inner,x) $(call inner,x,y,z,w) {$(2)|$(4)}
$(info $(call outer,a,b,c))
all: ;
