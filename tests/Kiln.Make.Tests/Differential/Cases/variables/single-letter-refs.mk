x = X
xy = XY
$(info [$x] [$xy] [$(xy)] [$x$x])
all: ;
