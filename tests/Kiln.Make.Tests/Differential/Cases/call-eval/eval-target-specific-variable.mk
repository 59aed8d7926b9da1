$(eval foo: TSV = 1)
$(info [$(TSV)] [$(origin TSV)] [$(.DEFAULT_GOAL)])
$(eval bar: override OV := 2)
$(info [$(OV)] [$(.DEFAULT_GOAL)])
all: ;
