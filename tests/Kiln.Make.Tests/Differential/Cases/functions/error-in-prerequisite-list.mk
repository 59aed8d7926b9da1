$(info before)
all: $(error in prerequisites) ;
