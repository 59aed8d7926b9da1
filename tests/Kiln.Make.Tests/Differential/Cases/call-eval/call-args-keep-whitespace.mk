f = [$(1)][$(2)][$(3)]
$(info $(call f, a , b ,c ))
$(info $(call f,,,))
$(info $(call f,a,b,c,d,e))
all: ;
