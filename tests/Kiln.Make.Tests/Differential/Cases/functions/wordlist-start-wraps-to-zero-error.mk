$(info [$(wordlist 4294967296,2,a b)])
all: ;
