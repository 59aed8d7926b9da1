$(info [before])
t:
        echo hi
all: ;
