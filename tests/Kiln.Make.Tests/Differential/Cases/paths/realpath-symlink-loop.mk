$(shell ln -s loop1 loop2 && ln -s loop2 loop1)
$(info [$(realpath loop1)])
all: ;
