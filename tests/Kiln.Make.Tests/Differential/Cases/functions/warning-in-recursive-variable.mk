w = $(warning expanded here)W

x := $(w)


$(info [$(w)])
all: ;
