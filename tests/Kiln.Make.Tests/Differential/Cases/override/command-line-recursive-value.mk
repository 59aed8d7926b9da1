Y = file-y
$(info [$(X)] [$(value X)] [$(flavor X)])
Y = later
$(info [$(X)])
all: ;
#--- args: X=<$(Y)>
