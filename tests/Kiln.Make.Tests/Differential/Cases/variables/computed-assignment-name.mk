x = left
y = right
$(x)_$(y) = value
$(x)-simple := s
pre$(y) ?= c
$(x)_$(y) += more
$(info [$(left_right)] [$(left-simple)] [$(preright)] [$(flavor left_right)])
all: ;
