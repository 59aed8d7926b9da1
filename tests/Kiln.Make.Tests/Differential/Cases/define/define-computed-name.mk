n = gen
define $(n)_body
made by $(n)
endef
n = other
$(info [$(gen_body)] [$(origin gen_body)])
all: ;
