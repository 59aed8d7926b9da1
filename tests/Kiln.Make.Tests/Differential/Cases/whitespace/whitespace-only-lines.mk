x = 1
   
	
	   	
$(info [$(x)])
all: ;
