x = a\b c\\d \ e
$(info [$(x)])
all: ;
