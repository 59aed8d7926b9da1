$(shell printf 'echo from-script "$$@"\n' > noshebang && chmod +x noshebang)
$(info [$(shell ./noshebang a b)] [$(.SHELLSTATUS)])
all: ;
