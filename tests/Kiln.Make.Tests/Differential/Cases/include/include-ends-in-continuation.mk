include cont.mk
$(info [$(T)])
$(info [after])
all: ;
#--- file: cont.mk
T = first \
