ifeq (a,b)
else ifeq junk
endif
$(info [ok])
all: ;
