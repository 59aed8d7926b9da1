real := $(CURDIR)
CURDIR = /elsewhere
rel = $(patsubst $(real)%,<cur>%,$(1))
$(info [$(call rel,$(abspath x))] [$(call rel,$(realpath .))] [$(call rel,$(abspath $(real)/../$(notdir $(real))/y))])
$(info [$(realpath //usr)] [$(abspath //usr//bin/)] [$(realpath /usr/./bin/)] [$(realpath   /usr    /  )])
all: ;
