outer = [$(1)|$(2)|$(3)] $(call inner,x)
inner = <$(1)|$(2)|$(3)>
$(info $(call outer,a,b,c))
all: ;
