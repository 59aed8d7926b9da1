a = x\  
b = y
$(info [$(a)] [$(b)])
all: ;
