a = x
ifeq ($(a),x)
$(info paren yes)
endif
ifeq "$(a)" "x"
$(info dquote yes)
endif
ifeq '$(a)' 'x'
$(info squote yes)
endif
ifneq ( x , x )
$(info spaces differ?)
else
$(info spaces stripped)
endif
all: ;
