CC = mycc
$(info [$(CC)] [$(origin CC)] [$(CPP)])
RM += -v
$(info [$(RM)] [$(origin RM)])
all: ;
#--- env: CXX=envcxx
