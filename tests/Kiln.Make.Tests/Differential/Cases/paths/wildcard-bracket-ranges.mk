$(shell touch -- a1 b2 c3 D4 ']x' '-y' '!z' 5e)
$(info [$(wildcard [a-c]*)] [$(wildcard [!a-c]?)] [$(wildcard []]x)] [$(wildcard [-]y)] [$(wildcard [a-]*)])
$(info [$(wildcard [\!]z)] [$(wildcard [!!]z)] [$(wildcard [^a-z0-9]*)] [$(wildcard [c-a]*)])
$(info [$(wildcard [)] [$(wildcard [a)] [$(wildcard a[)] [$(wildcard [[:bogus:]]*)])
all: ;
