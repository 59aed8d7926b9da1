$(info [$(wildcard *.nothing)] [$(wildcard nodir/*)] [$(wildcard missing.txt)])
$(info [$(wildcard )])
all: ;
