$(shell printf 'a\000b\n' > nul.txt)
x := $(file <nul.txt)
$(info [$(x)] [$(words $(x))])
all: ;
