g = <$(0)|$(1)|$(2)>
$(info [$(foreach 1,a b,$(1))])
$(info [$(foreach 1,a,$(call g))] [$(foreach 1,a,$(call g,x))])
h = $(foreach 2,in,$(call g,$(1)))
$(info [$(call h,A,B)])
$(info [$(foreach 0,zero,$(0))] [$(call g,$(foreach 0,z,$(0)))])
all: ;
