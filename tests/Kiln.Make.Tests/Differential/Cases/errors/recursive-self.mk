x = $(x) more
y := $(x)
