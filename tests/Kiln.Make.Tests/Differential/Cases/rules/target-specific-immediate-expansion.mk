t: V = $(error deferred target-specific)
t: W != echo $(info [shell tsv assignment expanded])
t: X ::= $(info [posix tsv])
$(info [read])
all: ;
