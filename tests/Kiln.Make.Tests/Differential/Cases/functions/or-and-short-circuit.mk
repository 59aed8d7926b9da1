$(info [$(or ,$(info A)a,$(info B)b)])
$(info [$(or $(info C),,$(info D))])
$(info [$(and a,$(info X),$(info Y)y)])
$(info [$(and $(info P)p,$(info Q)q)])
all: ;
