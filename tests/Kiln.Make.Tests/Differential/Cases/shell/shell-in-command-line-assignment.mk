$(info [$(X)] [$(.SHELLSTATUS)])
all: ;
#--- args: X:=$(shell	echo	hi)
