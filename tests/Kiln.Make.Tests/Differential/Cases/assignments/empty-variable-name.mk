$(info before)
 = value
$(info after)
all: ;
