a::=b
$(info [$(a)] [$(flavor a)])
c:::=d
$(info [$(c)] [$(flavor c)])
all: ;
