$(info [start])
ifeq (a,a)
ifdef x
y = 1
endif
z = 2

