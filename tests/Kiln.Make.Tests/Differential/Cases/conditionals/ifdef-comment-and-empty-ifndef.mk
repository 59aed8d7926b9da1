x = 1
ifdef x#comment
$(info [a])
endif
ifdef $(x)
$(info [b])
else
$(info [c])
endif
ifndef  
$(info [d])
endif
all: ;
