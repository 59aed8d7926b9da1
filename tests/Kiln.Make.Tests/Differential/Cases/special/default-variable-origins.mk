$(info [$(CC)] [$(origin CC)] [$(CXX)] [$(origin CXX)] [$(RM)] [$(origin RM)])
$(info [$(AR)] [$(ARFLAGS)] [$(value CPP)] [$(LEX)] [$(YACC)] [$(origin CFLAGS)])
$(info [$(value COMPILE.c)] [$(value LINK.o)] [$(OUTPUT_OPTION)])
all: ;
