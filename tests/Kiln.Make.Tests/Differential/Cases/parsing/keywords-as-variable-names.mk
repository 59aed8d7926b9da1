ifdef = 1
ifeq = 2
export = 3
define = 4
override = 5
include = 6
endef = 7
else = 8
undefine = 9
private = 10
vpath = 11
$(info [$(ifdef)] [$(ifeq)] [$(export)] [$(define)] [$(override)] [$(include)])
$(info [$(endef)] [$(else)] [$(undefine)] [$(private)] [$(vpath)])
all: ;
