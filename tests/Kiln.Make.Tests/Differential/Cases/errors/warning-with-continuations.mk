a = one \
    two \
    three
$(warning after continuation)
b = $(warning in b) \
  tail
c := $(b)
all: ;
