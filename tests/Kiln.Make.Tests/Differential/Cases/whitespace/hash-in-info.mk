$(info [a # b]) # trailing comment
$(info [c \# d])
all: ;
