e :=
s := x
r = $(e)
sp := $(e) $(e)
ifdef e
$(info [e defined])
else
$(info [e not defined])
endif
ifdef s
$(info [s defined])
endif
ifdef r
$(info [r defined])
endif
ifdef sp
$(info [sp with one space defined])
else
$(info [sp not defined])
endif
ifdef PATH
$(info [env PATH defined])
endif
ifndef undefined_thing
$(info [undefined ok])
endif
all: ;
