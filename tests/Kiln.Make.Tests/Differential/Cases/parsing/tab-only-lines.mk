a = 1
	
$(info [after tab-only line])
	  	
b = 2
all: ;
t:
	
	@:
	
$(info [$(a)$(b)])
