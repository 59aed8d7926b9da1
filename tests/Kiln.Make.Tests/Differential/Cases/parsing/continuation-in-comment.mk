# a comment \
a = hidden
$(info [$(origin a)])
b = 1 # trailing comment \
c = also hidden
$(info [$(b)] [$(origin c)])
all: ;
