x = ex
a = $xyz
$(info [$(a)])
all: ;
