define text
a := 1
b := 2
$$(warning third line of text)
$$(error fourth line of text)
endef

$(eval $(text))
all: ;
