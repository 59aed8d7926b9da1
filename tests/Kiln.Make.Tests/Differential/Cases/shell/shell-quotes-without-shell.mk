$(info [$(shell echo 'a   b' "c   d" e\ \ f)])
$(info [$(shell printf '%s|' one two)])
$(info [$(shell echo a\tb)])
$(info [$(shell echo $$0)])
all: ;
