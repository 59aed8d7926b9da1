$(info [$(filter KILN_ENV_VAR,$(.VARIABLES))] [$(origin KILN_ENV_VAR)])
all: ;
#--- env: KILN_ENV_VAR=1
