x := $(subst #,X,a#b)
y := $(subst \#,Y,a#b\#c)
$(info [$(x)] [$(y)])
hash := \#
$(info [$(hash)] [$(subst $(hash),H,1#2)])
all: ;
