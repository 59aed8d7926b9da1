define cond
ifeq ($(1),yes)
result := said yes
else ifdef $(1)
result := defined
else
result := other
endif
endef
$(eval $(call cond,yes))
$(info [$(result)])
$(eval $(call cond,CC))
$(info [$(result)])
$(eval $(call cond,nope))
$(info [$(result)])
all: ;
