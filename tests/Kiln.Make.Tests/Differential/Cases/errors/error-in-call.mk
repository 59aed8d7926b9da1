check = $(if $(1),,$(error empty argument to check: [$(2)]))
$(info [ok $(call check,x,y)])
$(info [bad $(call check,,label)])
all: ;
