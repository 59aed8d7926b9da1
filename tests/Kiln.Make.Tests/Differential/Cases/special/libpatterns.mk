$(info [$(.LIBPATTERNS)] [$(origin .LIBPATTERNS)] [$(flavor .LIBPATTERNS)])
all: ;
