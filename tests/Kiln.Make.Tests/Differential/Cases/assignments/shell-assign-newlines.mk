x != printf 'a\nb\n\nc\n\n\n'
$(info [$(x)] [$(flavor x)])
all: ;
