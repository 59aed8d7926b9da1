$(info [$(subst ${x,y},z,text)])
all: ;
