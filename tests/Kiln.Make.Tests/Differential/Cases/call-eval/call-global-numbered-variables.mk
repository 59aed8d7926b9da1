1 = global-one
2 = global-two
f = [$(1)][$(2)]
$(info $(call f,a))
$(info $(call f))
$(info [$(1)] [$(origin 1)])
g = $(call f,x)<$(2)>
$(info $(call g,p,q))
all: ;
