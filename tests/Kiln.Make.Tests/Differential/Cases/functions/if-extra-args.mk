$(info [$(if a,b,c,d)])
$(info [$(if ,b,c,d)])
$(info [$(or ,a,b)] [$(and a,b,c,d)])
all: ;
