$(info [$(call subst,a,b,abca)])
$(info [$(call words,a b c)])
$(call info,printed by call info)
$(info [$(call if,,$(info both arguments are expanded first)yes,no)])
$(info [$(call  patsubst ,%.c,%.o,x.c y.h)])
all: ;
