ifeq "a" "a" junk
$(info [after junk])
endif
all: ;
