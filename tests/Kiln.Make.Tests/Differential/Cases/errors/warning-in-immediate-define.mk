define d :=
$(warning in immediate define)
endef
all: ;
