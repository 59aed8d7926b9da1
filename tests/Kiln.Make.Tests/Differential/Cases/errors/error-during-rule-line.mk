t: $(error in prereq list)
all: ;
