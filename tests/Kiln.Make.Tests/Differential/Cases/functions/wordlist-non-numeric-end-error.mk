$(info [$(wordlist 1,two,a b)])
all: ;
