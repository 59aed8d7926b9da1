$(eval override CMD = file)
$(eval export EXP = exported)
$(info [$(CMD)] [$(origin CMD)] [$(shell echo $$EXP)])
all: ;
#--- args: CMD=cmdline
