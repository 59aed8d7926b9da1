$(info [$(let x,y,z)] [$(intcmp 1,2,lt,eq,gt)] [$(origin let)])
define let x,y,z
defined with commas
endef
$(info [$(let x,y,z)] [$(origin let x,y,z)])
intcmp = ic
$(info [$(intcmp)] [$(flavor intcmp)] [$(intcmp 1,1)])
all: ;
