$(info [$(SHELL)] [$(origin SHELL)] [$(flavor SHELL)])
all: ;
#--- args: -e
#--- env: SHELL=/bin/false
