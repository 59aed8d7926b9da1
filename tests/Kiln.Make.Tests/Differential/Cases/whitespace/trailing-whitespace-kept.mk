x = value   
y := simple	
z = 
$(info [$(x)] [$(y)] [$(z)])
all: ;
