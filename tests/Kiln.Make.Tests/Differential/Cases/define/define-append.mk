x = first
define x +=
second
third
endef
s := one
define s +=
<$(later)>
endef
later = L
$(info [$(x)] [$(s)] [$(flavor s)])
all: ;
