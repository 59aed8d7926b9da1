$(info [before])
ifdef
$(info [inside])
endif
all: ;
