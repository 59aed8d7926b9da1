include gone.mk here.mk
$(info [$(HERE)])
all: ;
#--- file: here.mk
HERE = here
