$(info [$(SUFFIXES)] [$(flavor SUFFIXES)])
all: ;
