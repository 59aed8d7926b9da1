ifeq (a,a)
x = 1
