export EXPORTED = exp-value
NOT_EXPORTED = hidden
$(info [$(shell echo "$$FROM_ENV|$$EXPORTED|$$NOT_EXPORTED|$$MAKELEVEL")])
FROM_ENV = changed-in-file
$(info [$(shell echo "$$FROM_ENV")])
all: ;
#--- env: FROM_ENV=env-value
