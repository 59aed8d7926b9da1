$(info [$(if)])
all: ;
