$(info [before])
$ = dollar-space-var
all: ;
