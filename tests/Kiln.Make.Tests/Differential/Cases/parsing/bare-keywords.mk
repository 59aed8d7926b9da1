export
unexport
$(info [ok])
override
all: ;
