y = early
override define X :=
<$(y)>
endef
y = late
$(info [$(X)] [$(flavor X)] [$(origin X)])
all: ;
#--- args: X=cmd
