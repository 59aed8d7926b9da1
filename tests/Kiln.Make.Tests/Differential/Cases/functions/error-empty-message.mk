$(info before)
$(error )
all: ;
