a = 1
b = 2 \
  3
$(info [$(b)])
$(warning crlf warning)
not a rule
all: ;
