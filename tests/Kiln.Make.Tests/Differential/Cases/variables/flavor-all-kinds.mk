r = 1
s := 2
$(info [$(flavor r)] [$(flavor s)] [$(flavor nope)] [$(flavor CURDIR)] [$(flavor CC)] [$(flavor MAKEFILE_LIST)] [$(flavor PATH)])
all: ;
