$(shell touch a1 a2 a3 ab b1 'a[1]')
$(info [$(wildcard a?)])
$(info [$(wildcard a[12])])
$(info [$(wildcard a[!1]) ])
$(info [$(wildcard a[^1])])
$(info [$(wildcard [ab]1)])
$(info [$(wildcard a\[1\])])
all: ;
