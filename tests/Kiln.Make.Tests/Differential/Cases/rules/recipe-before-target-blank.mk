$(info [before])
	
	$(info [tab line with function])
all: ;
