$(info [before])
$(eval include missing-from-eval.mk)
$(info [after])
all: ;
