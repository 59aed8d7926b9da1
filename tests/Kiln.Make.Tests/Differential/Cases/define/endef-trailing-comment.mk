define x
body
endef # a comment
define y
body2
endef   
$(info [$(x)] [$(y)])
all: ;
