nb := $(shell printf '\240')
vt := $(shell printf '\013')
ff := $(shell printf '\014')
cr := $(subst x,,$(subst y,,$(shell printf 'x\ry')))
show = $(subst $(nb),<A0>,$(subst $(vt),<VT>,$(subst $(ff),<FF>,$(subst $(cr),<CR>,$(1)))))
$(info [$(words a$(nb)b)] [$(words a$(vt)b)] [$(words a$(ff)b)] [$(words a$(cr)b)])
$(info [$(call show,$(strip $(vt)a$(ff) $(cr)))] [$(call show,$(strip $(nb)a))])
$(info [$(call show,$(foreach w,a$(vt)b c$(nb)d,<$(w)>))] [$(call show,$(sort b$(ff)a))])
all: ;
