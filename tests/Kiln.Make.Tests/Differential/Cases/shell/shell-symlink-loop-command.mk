$(shell ln -s l1 l2 && ln -s l2 l1)
$(info [$(shell ./l1)] [$(.SHELLSTATUS)])
all: ;
