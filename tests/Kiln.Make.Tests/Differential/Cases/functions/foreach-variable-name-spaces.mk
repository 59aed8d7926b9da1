i = outer
$(info [$(foreach  i ,a b,<$(i)>)])
$(info [$(foreach i ,a b,<$(i)>)])
n = i
$(info [$(foreach $(n),a b,<$(i)>)])
$(info [$(foreach i j,a b,<$(i)>)])
all: ;
