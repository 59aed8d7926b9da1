l = a   b  c d
$(info [$(wordlist 1,2,$(l))])
$(info [$(wordlist 2,100,$(l))])
$(info [$(wordlist 3,2,$(l))])
$(info [$(wordlist 5,6,$(l))])
$(info [$(wordlist 2,0,$(l))])
$(info [$(wordlist 1,4,  x  y  )])
all: ;
