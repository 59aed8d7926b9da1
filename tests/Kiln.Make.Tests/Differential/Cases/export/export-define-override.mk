export override define X
body
endef
$(info [$(X)] [$(origin X)])
all: ;
#--- args: X=cmd
