y = Y
x != printf '%s' '$$(y)'
$(info [$(x)] [$(value x)] [$(flavor x)])
z != echo '$$$$'
$(info [$(z)] [$(value z)])
all: ;
