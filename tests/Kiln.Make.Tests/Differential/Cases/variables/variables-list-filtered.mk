my_a = 1
my_b := 2
undefine my_b
my_c =
$(info [$(sort $(filter my_%,$(.VARIABLES)))])
all: ;
