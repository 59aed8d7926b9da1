define cmd
echo a
echo b
endef
$(info [$(shell $(cmd))])
define cont
echo x\
y
endef
$(info [$(shell $(cont))])
all: ;
