using System.Text;
using Kiln.Packing.Ipk;

namespace Kiln.Build.Tests;

/// <summary>
/// What a package's make has because OpenWrt's top-level make runs it: hook bodies read as
/// eval'd rules (their make conditionals processed), the host's names in the environment, and the
/// package selected in the .config when it is built by name.
/// </summary>
public sealed class TopLevelMakeTests : IDisposable
{
    private readonly TestTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private IpkContents Ipk(string name, string feed = "base") =>
        IpkContents.Read(Directory.GetFiles(_tree.In("bin/packages/mips_24kc/" + feed), name + "_*.ipk").Single());

    private static string Text(IpkContents ipk, string file) =>
        Encoding.ASCII.GetString(ipk.DataEntries.Single(e => e.Name == "./" + file).Bytes!);

    [Fact]
    public void MakeConditionalsInHookBodiesAreProcessedAndTheHostIsNamed()
    {
        // Conditionals at column 0 inside define bodies, as real packages write them around
        // platform-specific commands; each branch leaves a different mark.
        _tree.Write("package/utils/hostnames/Makefile", """
            include $(TOPDIR)/rules.mk

            PKG_NAME:=hostnames
            PKG_VERSION:=1
            PKG_RELEASE:=1

            include $(INCLUDE_DIR)/package.mk

            define Package/hostnames
              SECTION:=utils
              CATEGORY:=Utilities
              TITLE:=Names the host it was built on
            endef

            define Build/Compile
            	echo "$(HOST_OS) $(HOST_ARCH) $(GNU_HOST_NAME)" > $(PKG_BUILD_DIR)/host
            ifeq ($(HOST_OS),Linux)
            	echo linux > $(PKG_BUILD_DIR)/branch
            else
            	echo other > $(PKG_BUILD_DIR)/branch
            endif
            endef

            define Package/hostnames/install
            	$(INSTALL_DIR) $(1)/usr/share/hostnames
            	$(CP) $(PKG_BUILD_DIR)/host $(PKG_BUILD_DIR)/branch $(1)/usr/share/hostnames/
            ifneq ($(HOST_OS),FreeBSD)
            	echo not-freebsd > $(1)/usr/share/hostnames/install-branch
            endif
            ifdef CONFIG_KILN_NEVER_SET
            	false
            endif
            endef

            $(eval $(call BuildPackage,hostnames))

            """);
        Builds.Succeed(_tree, Builds.Mips, ["hostnames"]);

        var ipk = Ipk("hostnames");
        var (_, os) = Builds.Execute("uname");
        var (_, machine) = Builds.Execute("uname", "-m");
        var host = Text(ipk, "usr/share/hostnames/host").Split(' ', StringSplitOptions.TrimEntries);
        Assert.Equal([os.Trim(), machine.Trim()], host[..2]);
        Assert.StartsWith(machine.Trim() + "-", host[2]);
        Assert.EndsWith("-linux-gnu", host[2]);
        Assert.Equal("linux\n", Text(ipk, "usr/share/hostnames/branch"));
        Assert.Equal("not-freebsd\n", Text(ipk, "usr/share/hostnames/install-branch"));
        var logs = Directory.EnumerateFiles(_tree.In("logs/package/utils/hostnames")).Select(File.ReadAllText).ToList();
        Assert.DoesNotContain(logs, log => log.Contains("ifeq") || log.Contains("ifneq") || log.Contains("endif"));
    }

    /// <summary>
    /// chooser's own option defaults to on once PACKAGE_chooser is; with it on, chooser also
    /// depends on chooser-extra; its Makefile reads the symbols.
    /// </summary>
    private void AddChooser() => _tree.Write("package/utils/chooser/Makefile", """
        include $(TOPDIR)/rules.mk

        PKG_NAME:=chooser
        PKG_VERSION:=1
        PKG_RELEASE:=1
        PKG_CONFIG_DEPENDS:=CONFIG_CHOOSER_EXTRA

        include $(INCLUDE_DIR)/package.mk

        define Package/chooser/Default
          SECTION:=utils
          CATEGORY:=Utilities
        endef

        define Package/chooser
          $(call Package/chooser/Default)
          TITLE:=Reads its own selection
          DEPENDS:=+CHOOSER_EXTRA:chooser-extra
        endef

        define Package/chooser/config
        config CHOOSER_EXTRA
        	bool "Install the extra part"
        	depends on PACKAGE_chooser
        	default y
        config CHOOSER_GREETING
        	string "Greeting"
        	depends on PACKAGE_chooser
        	default "hello"
        endef

        define Package/chooser-extra
          $(call Package/chooser/Default)
          TITLE:=The extra part
        endef

        define Build/Compile
        	echo "selected=$(CONFIG_PACKAGE_chooser) extra=$(CONFIG_CHOOSER_EXTRA) greeting=$(call qstrip,$(CONFIG_CHOOSER_GREETING))" > $(PKG_BUILD_DIR)/seen
        endef

        define Package/chooser/install
        	$(INSTALL_DIR) $(1)/usr/share/chooser
        	$(CP) $(PKG_BUILD_DIR)/seen $(1)/usr/share/chooser/
        endef

        define Package/chooser-extra/install
        	$(INSTALL_DIR) $(1)/usr/share/chooser
        	echo extra > $(1)/usr/share/chooser/extra
        endef

        $(eval $(call BuildPackage,chooser))
        $(eval $(call BuildPackage,chooser-extra))

        """);

    [Fact]
    public void APackageNamedOnTheCommandLineIsSelectedWithItsOptionsAndWhatTheyPullIn()
    {
        AddChooser();
        var observer = Builds.Succeed(_tree, Builds.Mips, ["chooser"]);

        Assert.Equal("selected=y extra=y greeting=hello\n", Text(Ipk("chooser"), "usr/share/chooser/seen"));
        Assert.Equal("extra\n", Text(Ipk("chooser-extra"), "usr/share/chooser/extra"));
        Assert.Contains(observer.Messages, m => m.StartsWith("selected as menuconfig would", StringComparison.Ordinal) && m.Contains("CHOOSER_EXTRA"));
    }

    [Fact]
    public void OptionsTheConfigSetsStayAsSet()
    {
        AddChooser();
        Builds.Succeed(_tree, Builds.Mips, ["chooser"], "# CONFIG_CHOOSER_EXTRA is not set\nCONFIG_CHOOSER_GREETING=\"hi\"\n");

        Assert.Equal("selected=y extra= greeting=hi\n", Text(Ipk("chooser"), "usr/share/chooser/seen"));
        Assert.Empty(Directory.GetFiles(_tree.In("bin/packages/mips_24kc/base"), "chooser-extra_*.ipk"));
    }

    [Fact]
    public void AFeedsPackageIsBuiltAsThroughItsLinkInPackageFeeds()
    {
        _tree.Write("feeds/extra/utils/feedy/Makefile", """
            include $(TOPDIR)/rules.mk

            PKG_NAME:=feedy
            PKG_VERSION:=1
            PKG_RELEASE:=1

            include $(INCLUDE_DIR)/package.mk

            define Package/feedy
              SECTION:=utils
              CATEGORY:=Utilities
              TITLE:=Knows where it is built
            endef

            define Build/Compile
            	echo "$(BUILD_SUBDIR) $(IS_PACKAGE_BUILD)" > $(PKG_BUILD_DIR)/subdir
            endef

            define Package/feedy/install
            	$(INSTALL_DIR) $(1)/usr/share/feedy
            	$(CP) $(PKG_BUILD_DIR)/subdir $(1)/usr/share/feedy/
            endef

            $(eval $(call BuildPackage,feedy))

            """);
        Builds.Succeed(_tree, Builds.Mips, ["feedy"]);

        // A package build (IS_PACKAGE_BUILD) as in package/: its host builds go to staging_dir/hostpkg.
        Assert.Equal("package/feeds/extra/feedy 1\n", Text(Ipk("feedy", "extra"), "usr/share/feedy/subdir"));
    }
}
