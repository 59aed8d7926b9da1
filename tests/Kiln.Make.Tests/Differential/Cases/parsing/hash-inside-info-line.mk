$(info [text # with hash])
$(info [$(subst a,#,banana)])
all: ;
