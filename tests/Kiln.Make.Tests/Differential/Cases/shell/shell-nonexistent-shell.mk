SHELL = /nonexistent/sh
$(info [$(shell echo hi)] [$(.SHELLSTATUS)])
$(info [$(shell echo hi; echo there)] [$(.SHELLSTATUS)])
all: ;
