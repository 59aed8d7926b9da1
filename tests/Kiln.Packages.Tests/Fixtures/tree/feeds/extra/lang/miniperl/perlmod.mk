# A miniature perlmod.mk: Perl modules are built against the host perl and depend on perl.
PERL_VERSION:=5.40
PKG_BUILD_DEPENDS += miniperl/host

define perlmod/Default
  SUBMENU:=Perl
  SECTION:=lang
  CATEGORY:=Languages
  DEPENDS:=miniperl +miniperlbase-essential $(1)
endef
