using System.Text;
using Kiln.Packing.Ipk;

namespace Kiln.Build.Tests;

/// <summary>
/// Kiln builds with Debian's glibc toolchains where OpenWrt's own use musl: what the Makefiles
/// read of the C library (USE_GLIBC, USE_MUSL, LIBC) and the DEPENDS conditions on it agree with
/// that, whatever C library the .config was made for.
/// </summary>
public sealed class CLibraryTests : IDisposable
{
    private readonly TestTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void TheMakefilesAndTheDependenciesSeeGlibcEvenWhenTheConfigSaysMusl()
    {
        var directory = _tree.In("package/utils/libcaware");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "Makefile"), """
            include $(TOPDIR)/rules.mk

            PKG_NAME:=libcaware
            PKG_VERSION:=1
            PKG_RELEASE:=1

            include $(INCLUDE_DIR)/package.mk

            define Package/libcaware
              SECTION:=utils
              CATEGORY:=Utilities
              TITLE:=Knows its C library
              DEPENDS:=+USE_GLIBC:librt +USE_MUSL:libcaware-musl
            endef

            define Package/libcaware-musl
              SECTION:=utils
              CATEGORY:=Utilities
              TITLE:=Only for musl
            endef

            define Build/Compile
            	echo "libc=$(LIBC) glibc=$(CONFIG_USE_GLIBC) musl=$(CONFIG_USE_MUSL)" > $(PKG_BUILD_DIR)/seen
            endef

            define Package/libcaware/install
            	$(INSTALL_DIR) $(1)/usr/share/libcaware
            	$(CP) $(PKG_BUILD_DIR)/seen $(1)/usr/share/libcaware/
            endef

            define Package/libcaware-musl/install
            	true
            endef

            $(eval $(call BuildPackage,libcaware))
            $(eval $(call BuildPackage,libcaware-musl))

            """);
        // What an OpenWrt .config made for its own toolchain says.
        Builds.Succeed(_tree, Builds.Mips, ["libcaware"], "CONFIG_USE_MUSL=y\nCONFIG_LIBC=\"musl\"\n# CONFIG_USE_GLIBC is not set\n");

        var ipk = IpkContents.Read(Directory.GetFiles(_tree.In("bin/packages/mips_24kc/base"), "libcaware_*.ipk").Single());
        Assert.Equal("libc=glibc glibc=y musl=\n", Encoding.ASCII.GetString(ipk.DataEntries.Single(e => e.Name == "./usr/share/libcaware/seen").Bytes!));
        Assert.Equal("libc, librt", ipk.Control["Depends"]);
        Assert.Single(Directory.GetFiles(_tree.In("bin/targets/demo/small/packages"), "librt_*.ipk"));
        Assert.Empty(Directory.GetFiles(_tree.In("bin/packages/mips_24kc/base"), "libcaware-musl_*.ipk"));
    }

    [Fact]
    public void AToolchainPackageWithAnAbiVersionIsPackedUnderTheNameItsDependentsAskFor()
    {
        // OpenWrt's package/libs/toolchain gives libgcc ABI_VERSION 1: packages that depend on libgcc ask for libgcc1.
        _tree.Write("package/libs/toolchain/Makefile", """
            include $(TOPDIR)/rules.mk

            PKG_NAME:=toolchain
            PKG_VERSION:=1
            PKG_RELEASE:=1

            include $(INCLUDE_DIR)/package.mk

            define Package/libgcc
              SECTION:=libs
              CATEGORY:=Base system
              TITLE:=GCC support library
              ABI_VERSION:=1
            endef

            define Package/libgcc/install
            	true
            endef

            $(eval $(call BuildPackage,libgcc))

            """);
        _tree.Write("package/utils/gccuser/Makefile", """
            include $(TOPDIR)/rules.mk

            PKG_NAME:=gccuser
            PKG_VERSION:=1
            PKG_RELEASE:=1

            include $(INCLUDE_DIR)/package.mk

            define Package/gccuser
              SECTION:=utils
              CATEGORY:=Utilities
              TITLE:=Needs libgcc
              DEPENDS:=+libgcc
            endef

            define Build/Compile
            	true
            endef

            define Package/gccuser/install
            	true
            endef

            $(eval $(call BuildPackage,gccuser))

            """);
        Builds.Succeed(_tree, Builds.Mips, ["gccuser"]);

        var user = IpkContents.Read(Directory.GetFiles(_tree.In("bin/packages/mips_24kc/base"), "gccuser_*.ipk").Single());
        Assert.Equal("libc, libgcc1", user.Control["Depends"]);
        var libgcc = IpkContents.Read(Directory.GetFiles(_tree.In("bin/targets/demo/small/packages"), "libgcc1_*.ipk").Single());
        Assert.Equal("libgcc1", libgcc.Control["Package"]);
        Assert.Equal("libgcc", libgcc.Control["Provides"]);
        Assert.Equal("1", libgcc.Control["ABIVersion"]);
        Assert.Empty(Directory.GetFiles(_tree.In("bin/targets/demo/small/packages"), "libgcc_*.ipk"));
    }
}
