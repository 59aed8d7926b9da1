$(info [$(origin @)] [$(origin <)] [$(origin ^)] [$(origin *)] [$(origin %)])
$(info [$(origin @D)] [$(origin +)] [$(origin ?)])
all: ;
