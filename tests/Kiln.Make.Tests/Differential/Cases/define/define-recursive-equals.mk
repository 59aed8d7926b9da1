define x =
<$(y)>
endef
y = late
$(info [$(x)] [$(flavor x)] [$(value x)])
all: ;
