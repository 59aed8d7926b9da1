$(info [$(eval x = 1 # comment)] [$(x)])
$(eval y = a\
  b)
$(info [$(y)])
all: ;
