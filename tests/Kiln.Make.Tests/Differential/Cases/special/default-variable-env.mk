$(info [$(CXX)] [$(origin CXX)])
all: ;
#--- env: CXX=envcxx
