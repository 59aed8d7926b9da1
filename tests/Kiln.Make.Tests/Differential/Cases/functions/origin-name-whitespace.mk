X = 1
$(info [$(origin  X)] [$(origin X )] [$(flavor X )] [$(value X )])
n = X
$(info [$(origin $(n))] [$(flavor $(n))] [$(value $(n))])
all: ;
