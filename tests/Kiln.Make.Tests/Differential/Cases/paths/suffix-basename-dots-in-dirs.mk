l = a.b/c d.e/f.g .hidden x. a.b.c dir.d/ ./y ../z.q /
$(info [$(suffix $(l))])
$(info [$(basename $(l))])
all: ;
