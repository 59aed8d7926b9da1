a$$b = odd
$(info [$(a$$b)] [$(origin a$$b)])
all: ;
