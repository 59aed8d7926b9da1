$(info [before])
a = 1
ifdef a b
$(info [inside])
endif
all: ;
