# A miniature language feed helper: MiniPyPackage gives a package the feed's defaults.
MINIPY_VERSION:=3.11

define MiniPyPackage
  define Package/$(1)
    SECTION:=lang
    CATEGORY:=Languages
    SUBMENU:=MiniPy
    URL:=https://pypi.example.org/project/$(1)
    DEPENDS:=+minipy3 $(2)
    $$(call MiniPyPackage/$(1))
  endef
endef
