f = $(1)-$(2)
ifeq ($(call f,a,b),a-b)
$(info [call with commas in arg1])
endif
ifeq ((a),(a))
$(info [balanced parens in args])
endif
ifeq ($(subst a,b,aaa),bbb)
$(info [subst in arg])
endif
ifeq (a(b,c)d,a(b,c)d)
$(info [comma inside parens not a separator])
else
$(info [comma inside parens split])
endif
ifeq (${a},)
$(info [braces ref empty])
endif
all: ;
