ifeq ("a","a")
$(info [quoted in parens equal])
endif
ifeq ('a' ,"a")
$(info [sq dq in parens])
else
$(info [sq dq in parens differ])
endif
all: ;
