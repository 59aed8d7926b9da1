$(info [before])
names = a b
ifdef $(names)
$(info [inside])
endif
all: ;
