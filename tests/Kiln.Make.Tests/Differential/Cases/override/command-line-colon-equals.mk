Y = file-y
$(info [$(A)] [$(flavor A)] [$(B)] [$(flavor B)] [$(origin B)])
A = file
B := file
all: ;
#--- args: A=$(Y) B:=$(Y)
