# A miniature rust-values.mk.
RUST_ARCH_DEPENDS:=@(aarch64||arm||(mips64||mips64el)&&!SOFT_FLOAT||x86_64)
