asg = X = 1
$(asg)
$(info [$(X)] [$(.DEFAULT_GOAL)])
all: ;
