$(info    [leading stripped])
$(info [trailing kept]   )
$(info	[after tab])
all: ;
