define x
this line mentions endef in the middle
endefx is not endef either
  define inner-looking-line-without-end
endef
endef
$(info [$(x)])
all: ;
