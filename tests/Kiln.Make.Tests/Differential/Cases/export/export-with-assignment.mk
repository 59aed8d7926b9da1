export X = <$(Y)>
export S := simple
Y = y
$(info [$(X)] [$(origin X)] [$(flavor X)] [$(S)] [$(flavor S)])
all: ;
