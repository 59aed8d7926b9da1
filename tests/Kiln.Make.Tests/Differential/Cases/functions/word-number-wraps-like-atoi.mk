$(info [$(word 4294967298,a b c)])
$(info [$(wordlist 4294967298,4294967299,a b c)])
all: ;
