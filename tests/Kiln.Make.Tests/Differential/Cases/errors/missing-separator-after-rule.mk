all: ;
$(info [before])
just words here
