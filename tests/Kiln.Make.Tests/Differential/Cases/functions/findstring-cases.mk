$(info [$(findstring a b,a b c)])
$(info [$(findstring a  b,a b c)])
$(info [$(findstring rc,src/x.c)])
$(info [$(findstring A,abc)])
$(info [$(findstring a,)])
all: ;
