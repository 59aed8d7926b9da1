$(info [before])
ifeq (a,b)
$(info [one])
else
$(info [two])
else
$(info [three])
endif
all: ;
