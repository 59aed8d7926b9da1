x = a \
# not a separate comment line
y = b
$(info [$(x)] [$(y)])
all: ;
