tab := $(subst x,	,x)
$(info [$(if 	 ,yes,no)] [$(if $(tab),yes,no)] [$(or 	,b)])
all: ;
