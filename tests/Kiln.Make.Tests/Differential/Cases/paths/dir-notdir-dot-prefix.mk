l = ./a ./ . .. ../b /abs/c ./d/./e
$(info [$(dir $(l))])
$(info [$(notdir $(l))])
$(info [$(dir   a   b/c  )] [$(notdir   a/   b  )])
all: ;
