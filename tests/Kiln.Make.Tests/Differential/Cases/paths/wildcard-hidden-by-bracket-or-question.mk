$(shell touch .hid hid)
$(info [$(wildcard [.]hid)] [$(wildcard ?hid)] [$(wildcard .[h]id)] [$(wildcard *hid)] [$(wildcard .?id)])
all: ;
