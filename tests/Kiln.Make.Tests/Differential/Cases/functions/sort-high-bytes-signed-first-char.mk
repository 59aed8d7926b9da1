hi := $(shell printf '\351')
$(info [$(subst $(hi),<E9>,$(sort z a$(hi) $(hi)x A ab ~ $(hi)))])
all: ;
