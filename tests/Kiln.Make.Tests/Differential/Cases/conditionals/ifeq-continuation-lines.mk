ifeq (a,\
a)
$(info [continuation in ifeq])
endif
ifeq (a \
,a)
$(info [continuation before comma])
else
$(info [continuation before comma differs])
endif
all: ;
