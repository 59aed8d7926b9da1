l = a  b   c
$(info [$(word 1,$(l))] [$(word 3,$(l))] [$(word 4,$(l))])
$(info [$(word  2 ,$(l))] [$(word 02,$(l))])
$(info [$(firstword $(l))] [$(lastword $(l))] [$(firstword )] [$(lastword   )])
$(info [$(words $(l))] [$(words )] [$(words a,b c)])
all: ;
