$(info a,b)
$(info [a , b ])
$(info    [leading blanks skipped, trailing kept]   )
$(warning x,y , z)
all: ;
