  indented = yes
	tabbed = also
v =    leading stripped, trailing kept   
$(info [$(indented)] [$(tabbed)] [$(v)])
all: ;
