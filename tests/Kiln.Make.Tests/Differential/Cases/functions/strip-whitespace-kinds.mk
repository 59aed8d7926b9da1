define nl


endef
x :=   a 	 b $(nl) c	
$(info [$(strip $(x))])
$(info [$(strip a , b )])
$(info [$(strip    )] [$(strip)])
all: ;
