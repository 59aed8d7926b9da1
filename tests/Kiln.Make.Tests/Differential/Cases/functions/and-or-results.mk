$(info [$(and a,b,c)] [$(and a,,c)] [$(and  x )])
$(info [$(or ,,)] [$(or , b ,c)] [$(or a)])
$(info [$(and a, b )] [$(or  , c )])
all: ;
