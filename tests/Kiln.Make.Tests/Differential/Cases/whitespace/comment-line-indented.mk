   # indented comment
	# tab comment before rules
x = 1 
$(info [$(x)])
all: ;
