a = one \
    two \
    three
$(error after continuation \
  spanning lines)
all: ;
