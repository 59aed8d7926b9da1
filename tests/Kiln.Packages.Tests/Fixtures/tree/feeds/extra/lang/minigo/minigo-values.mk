# A miniature of a language feed's values file: which targets the compiler supports.
MINIGO_ARCH_DEPENDS:=@(aarch64||arm||i386||i686||(mips||mipsel)&&!SOFT_FLOAT||x86_64)
MINIGO_VERSION_MAJOR_MINOR:=1.23
