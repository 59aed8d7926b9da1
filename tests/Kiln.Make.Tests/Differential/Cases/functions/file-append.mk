$(file >log.txt,a)
$(file >>log.txt,b)
$(file >> log.txt,c)
$(info [$(file <log.txt)])
all: ;
