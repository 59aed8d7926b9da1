$(info [$(nothing:.c=.o)] [$(nothing:%=x%)])
all: ;
