FROM_FILE = f
override OVR = o
FROM_ENV_OVERRIDDEN = file wins
f = $(origin 1) $(origin 0)
$(info [$(origin CC)] [$(origin FROM_ENV)] [$(origin FROM_FILE)] [$(origin CMDLINE)])
$(info [$(origin OVR)] [$(origin FROM_ENV_OVERRIDDEN)] [$(origin NOPE)])
$(info [$(foreach x,1,$(origin x))] [$(call f,a)] [$(origin 1)])
$(info [$(origin MAKECMDGOALS)] [$(origin .SHELLSTATUS)] [$(origin MAKEFLAGS)])
all: ;
#--- env: FROM_ENV=e
#--- env: FROM_ENV_OVERRIDDEN=e2
#--- args: CMDLINE=c
