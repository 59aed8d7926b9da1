x = a \
\
  \
b
$(info [$(x)])
all: ;
