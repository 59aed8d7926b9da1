$(info [before])
$(eval $$(error from eval))
all: ;
