f = [$(0)|$(1)]
g = $(call f,$(0))
$(info $(call f,x) $(call g) $(call  f ,y))
name = f
$(info $(call $(name),z))
all: ;
