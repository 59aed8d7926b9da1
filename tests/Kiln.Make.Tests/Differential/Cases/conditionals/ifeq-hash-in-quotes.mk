ifeq "a#b" "a#c"
$(info [hash in quotes equal])
else
$(info [hash in quotes differ])
endif
all: ;
