override export private define X :=
all modifiers
endef
$(info [$(X)] [$(origin X)] [$(flavor X)])
all: ;
#--- args: X=cmd
