$(info [$(word +1,a b)])
all: ;
