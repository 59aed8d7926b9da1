$(shell touch -- a1 b2 c3 D4 5e _f)
$(info [$(wildcard [[:alpha:]]?)] [$(wildcard [[:digit:]]*)] [$(wildcard [[:upper:]]*)])
$(info [$(wildcard [![:alnum:]]*)] [$(wildcard ?[[:digit:][:punct:]])])
all: ;
