vpath %.c src
vpath %.h
vpath
VPATH = a:b
$(info [$(VPATH)])
all: ;
