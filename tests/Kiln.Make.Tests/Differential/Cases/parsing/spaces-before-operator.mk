a    =    spaced
b	:=	tabbed
c  ?=  cond
d  +=  app
e  ::=  posix
f  !=  echo shell
$(info [$(a)] [$(b)] [$(c)] [$(d)] [$(e)] [$(f)])
all: ;
