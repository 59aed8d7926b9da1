export KILN_TEST_VAR = visible
x := $(shell echo "[$$KILN_TEST_VAR]")
$(info $(x))
all: ;
