FROM_ENV = from file
override FORCED = forced
$(info [$(origin FROM_ENV)] [$(FROM_ENV)] [$(origin FORCED)] [$(FORCED)])
all: ;
#--- env: FROM_ENV=e
#--- env: FORCED=e
#--- args: -e
