a = 1
override b = 2
undefine a
undefine b
$(info [$(origin a)] [$(origin b)])
override undefine b
$(info [$(origin b)])
all: ;
