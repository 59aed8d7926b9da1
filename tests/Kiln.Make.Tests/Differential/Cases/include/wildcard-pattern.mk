include conf/*.mk
$(info [$(MAKEFILE_LIST)])
$(info [$(order)])
all: ;
#--- file: conf/b.mk
order += b
#--- file: conf/a.mk
order += a
#--- file: conf/c.txt
order += never
