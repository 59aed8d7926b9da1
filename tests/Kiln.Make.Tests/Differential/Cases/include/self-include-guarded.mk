$(info [x $(words $(MAKEFILE_LIST))])
ifndef once
once = 1
include Makefile
endif
all: ;
