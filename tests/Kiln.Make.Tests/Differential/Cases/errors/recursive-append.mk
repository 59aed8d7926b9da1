v = one
v += $(v)
$(info [$(v)])
all: ;
