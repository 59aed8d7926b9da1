l = src/ a/b/ / a//b ./x x
$(info [$(dir $(l))])
$(info [$(notdir $(l))])
$(info [$(dir )] [$(notdir )])
all: ;
