$(eval override X = from-eval)
$(eval Y += appended)
$(info [$(X)] [$(origin X)] [$(Y)])
all: ;
#--- args: X=cmd Y=cmd
