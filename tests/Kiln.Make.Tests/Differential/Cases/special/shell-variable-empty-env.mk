$(info [$(SHELL)] [$(origin SHELL)] [$(flavor SHELL)])
all: ;
#--- env: SHELL=
