$(info start)
this is not a rule
