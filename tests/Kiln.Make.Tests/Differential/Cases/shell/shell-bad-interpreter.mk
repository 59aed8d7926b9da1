$(shell printf '#!/nonexistent/interp\necho x\n' > badinterp && chmod +x badinterp)
$(info [$(shell ./badinterp)] [$(.SHELLSTATUS)])
all: ;
