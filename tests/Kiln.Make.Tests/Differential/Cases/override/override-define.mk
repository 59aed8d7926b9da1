override define X
multi
line
endef
$(info [$(X)] [$(origin X)])
all: ;
#--- args: X=cmd
