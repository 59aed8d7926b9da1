x := $(foreach v,a b,$(if $(filter b,$(v)),$(error at $(v))))
