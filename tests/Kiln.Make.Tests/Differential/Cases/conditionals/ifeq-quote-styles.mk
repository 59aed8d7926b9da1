a = x y
ifeq "$(a)" 'x y'
$(info [mixed dq sq equal])
endif
ifeq 'x y' "$(a)"
$(info [mixed sq dq equal])
endif
ifeq " x" "x"
$(info [leading space significant? equal])
else
$(info [leading space inside quotes kept])
endif
ifeq "a,b" "a,b"
$(info [comma inside quotes])
endif
ifeq "(" "("
$(info [paren inside quotes])
endif
ifeq "x"    "x"
$(info [many spaces between quoted])
endif
ifeq "x""x"
$(info [no space between quoted])
endif
ifneq "x" 'y'
$(info [ifneq mixed])
endif
all: ;
