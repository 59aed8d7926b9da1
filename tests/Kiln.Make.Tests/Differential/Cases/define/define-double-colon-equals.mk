y = early
define x ::=
<$(y)>
endef
y = late
$(info [$(x)] [$(flavor x)])
all: ;
