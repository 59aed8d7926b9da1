unexport define X
body
endef
$(info [$(X)] [$(origin X)])
all: ;
