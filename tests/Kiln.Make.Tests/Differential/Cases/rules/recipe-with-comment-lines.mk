t:
	@echo one
# a comment between recipe lines

	@echo two
 # indented comment
	@echo three
$(info [read])
all: ;
#--- args: all
