$(info [$(X)])
all: ;
#--- args: X:=$(origin	CC)-$(origin	PATH)-$(origin	MAKE)-$(origin	MAKELEVEL)-$(origin	CURDIR)-$(origin	SHELL)-$(origin	Y) Y=1
