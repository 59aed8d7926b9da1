x ?= <$(later)>
later = L
$(info [$(x)] [$(flavor x)] [$(value x)])
all: ;
