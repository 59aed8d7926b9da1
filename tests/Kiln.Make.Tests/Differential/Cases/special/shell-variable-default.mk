$(info [$(SHELL)] [$(origin SHELL)] [$(flavor SHELL)])
all: ;
