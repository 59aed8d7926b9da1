f = $(subst a,b,

$(info [$(f)])
all: ;
