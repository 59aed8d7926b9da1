$(info before)
$(nothing) := value
all: ;
