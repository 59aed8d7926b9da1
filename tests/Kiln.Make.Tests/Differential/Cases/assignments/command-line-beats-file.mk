X = file
override Y = file
$(info [$(X)] [$(origin X)] [$(Y)] [$(origin Y)])
X += more
$(info [$(X)])
all: ;
#--- args: X=cmd Y=cmd
