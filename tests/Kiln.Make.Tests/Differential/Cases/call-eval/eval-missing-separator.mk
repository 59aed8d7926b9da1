$(info before)
$(eval this is not valid)
all: ;
