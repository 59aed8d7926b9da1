define nl


endef
$(file >a.txt,x$(nl))
$(file >b.txt,y$(nl)$(nl))
$(info [$(shell od -An -c a.txt)] [$(shell od -An -c b.txt)])
all: ;
