# comment ending in escaped backslash \\
a = visible
$(info [$(a)])
b = x\\\
y
$(info [$(b)])
all: ;
