X = file
$(info [$(X)] [$(origin X)] [$(flavor X)])
all: ;
#--- args: X+=cmd
