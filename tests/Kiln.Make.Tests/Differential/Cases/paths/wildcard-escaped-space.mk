$(shell touch 'sp ace' sp ace)
$(info [$(wildcard sp\ ace)])
$(info [$(words $(wildcard sp\ ace))] [$(words $(wildcard sp*))])
$(info [$(wildcard ace sp\ a*)])
all: ;
