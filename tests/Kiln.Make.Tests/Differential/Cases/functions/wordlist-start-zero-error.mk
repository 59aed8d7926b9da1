$(info [$(wordlist 0,2,a b)])
all: ;
