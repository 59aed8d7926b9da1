v = 3
ifeq ($(v),1)
$(info one)
else ifeq ($(v),2)
$(info two)
else ifeq ($(v),3)
$(info three)
else
$(info other)
endif
all: ;
