define   spaced   
body
endef
$(info [$(spaced)])
all: ;
