.DEFAULT: ;
all: ;
#--- args: whatever
