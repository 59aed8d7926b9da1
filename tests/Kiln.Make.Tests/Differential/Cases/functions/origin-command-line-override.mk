CMD = from file
override CMD2 = override
CMD3 += appended
$(info [$(origin CMD)] [$(CMD)] [$(origin CMD2)] [$(CMD2)] [$(origin CMD3)] [$(CMD3)])
all: ;
#--- args: CMD=c CMD2=c2 CMD3=c3
