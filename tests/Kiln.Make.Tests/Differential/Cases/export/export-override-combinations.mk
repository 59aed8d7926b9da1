export override A = a
override export B = b
$(info [$(A)] [$(origin A)] [$(B)] [$(origin B)])
all: ;
#--- args: A=cmd B=cmd
