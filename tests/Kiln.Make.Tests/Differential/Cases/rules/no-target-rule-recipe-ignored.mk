$(empty): foo
	echo ignored
	$(error not even looked at)
$(info [ok])
all: ;
