using Kiln.Build.HostTools;
using Kiln.Build.Toolchains;
using Kiln.Core.Errors;
using Kiln.Core.Files;

namespace Kiln.Build.Tests;

/// <summary>Mistakes a user can make end in one clear message (and a non-zero exit), never a stack trace.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TestTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private void AddPackage(string name, string body) =>
        _tree.Write($"package/utils/{name}/Makefile", $"""
            include $(TOPDIR)/rules.mk

            PKG_NAME:={name}
            PKG_VERSION:=1
            PKG_RELEASE:=1

            include $(INCLUDE_DIR)/package.mk

            define Package/{name}
              SECTION:=utils
              CATEGORY:=Utilities
              TITLE:=A package that goes wrong
            endef

            define Package/{name}/install
            	true
            endef

            {body}
            $(eval $(call BuildPackage,{name}))

            """);

    private (int Status, string Output) Kiln(params string[] arguments) =>
        Builds.Execute(Path.Combine(AppContext.BaseDirectory, "kiln"), ["--topdir", _tree.Top, .. arguments]);

    [Fact]
    public void AFailingCompileStepIsReportedWithItsCommandAndTheEndOfItsLog()
    {
        AddPackage("broken", """
            define Build/Prepare
            	mkdir -p $(PKG_BUILD_DIR)
            	echo 'int main(void) { return undefined_name; }' > $(PKG_BUILD_DIR)/broken.c
            endef

            define Build/Compile
            	$(TARGET_CC) -o $(PKG_BUILD_DIR)/broken $(PKG_BUILD_DIR)/broken.c
            endef
            """);
        var (status, output) = Kiln("build", "--target", Builds.Mips, "-j", "1", "broken");
        Assert.Equal(2, status);
        Assert.Contains("FAILED: package/utils/broken/compile", output);
        Assert.Contains("command (exit status 1): mips-linux-gnu-gcc -o ", output);
        Assert.Contains("'undefined_name' undeclared", output);
        Assert.Contains("full log: logs/package/utils/broken/compile.txt", output);
        Assert.Contains("undefined_name", File.ReadAllText(_tree.In("logs/package/utils/broken/compile.txt")));
        Assert.DoesNotContain("   at ", output);
        Assert.False(File.Exists(Directory.GetDirectories(_tree.In("build_dir/target-mips-linux-gnu_glibc"), "broken-1").Single() + "/.built"));
    }

    [Fact]
    public void AMakefileThatFailsWhenReadForBuildingNamesItsFileAndLine()
    {
        AddPackage("halts", """
            ifndef DUMP
              $(error cannot be built here)
            endif
            """);
        var (status, output) = Kiln("build", "--target", Builds.Mips, "halts");
        Assert.Equal(2, status);
        Assert.Contains("FAILED: package/utils/halts", output);
        Assert.Contains("package/utils/halts/Makefile:20: *** cannot be built here.  Stop.", output);
    }

    [Fact]
    public void AnUnknownPackageIsNamed()
    {
        var (status, output) = Kiln("build", "--target", Builds.Mips, "no-such-package");
        Assert.Equal(2, status);
        Assert.Equal("kiln: package 'no-such-package' (asked for) is not in the tree or its feeds\n", output);
    }

    [Fact]
    public void AWrongSourceHashFailsTheDownloadAndLeavesNothingInDl()
    {
        var makefile = _tree.In("package/libs/libgreet/Makefile");
        var wrong = new string('0', 64);
        File.WriteAllText(makefile, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(makefile), "PKG_HASH:=[0-9a-f]{64}", "PKG_HASH:="
            + wrong));
        var (status, output) = Kiln("build", "--target", Builds.Mips, "libgreet");
        Assert.Equal(2, status);
        Assert.Contains("FAILED: package/libs/libgreet", output);
        Assert.Contains("cannot download libgreet-1.4.0.tar.gz", output);
        Assert.Contains("expected " + wrong, output);
        Assert.False(Directory.Exists(_tree.In("dl")) && Directory.EnumerateFileSystemEntries(_tree.In("dl"))
            .Any(f => f.Contains("libgreet", StringComparison.Ordinal)));
    }

    [Fact]
    public void AnUnknownStepIsRefused()
    {
        var (status, output) = Kiln("build", "--target", Builds.Mips, "--step", "bake", "greeter");
        Assert.Equal(2, status);
        Assert.Equal("kiln: unknown step 'bake' (expected download, prepare, configure, compile or install)\n", output);
    }

    [Fact]
    public void ATargetWithoutAKnownToolchainIsNamed()
    {
        var error = Assert.Throws<UserError>(() => ToolchainCatalog.For("sparc"));
        Assert.Equal("no external toolchain is known for the architecture 'sparc'", error.Message);
    }

    [Fact]
    public void AMissingCompilerNamesTheDebianPackagesToInstall()
    {
        var missing = new Toolchain("nonexistent-linux-gnu-", "nonexistent-linux-gnu", "/usr/nonexistent-linux-gnu", "/usr/nonexistent-linux-gnu/lib",
            Native: false, "gcc-nonexistent-linux-gnu", "libc6-dev-nonexistent-cross");
        var error = Assert.Throws<UserError>(() => ToolchainCatalog.Check(missing));
        Assert.Equal("nonexistent-linux-gnu-gcc not found: install the Debian packages gcc-nonexistent-linux-gnu libc6-dev-nonexistent-cross " +
            "(apt-get install gcc-nonexistent-linux-gnu libc6-dev-nonexistent-cross)", error.Message);
    }

    [Fact]
    public void AHostToolARecipeCallsThatIsMissingIsNamedWithItsPackage()
    {
        var empty = Path.Combine(_tree.Root, "empty-host-bin");
        Directory.CreateDirectory(empty);
        var missing = HostToolset.MissingFor("\t(cd build; /tree/staging_dir/host/bin/cmake -S . -B out)\n\tninja -C out\n", empty);
        Assert.Equal(["cmake", "ninja"], missing.Select(t => t.Name));
        Assert.Equal("missing host tools cmake (apt-get install cmake); ninja (apt-get install ninja-build)",
            HostToolset.MissingMessage(missing));
    }

    [Fact]
    public void ACorruptPackageIsRefusedByIpkInfoAndIndex()
    {
        var feed = Path.Combine(_tree.Root, "feed");
        Directory.CreateDirectory(feed);
        File.WriteAllBytes(Path.Combine(feed, "broken_1_all.ipk"), [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]);
        var (status, output) = Kiln("ipk-info", Path.Combine(feed, "broken_1_all.ipk"));
        Assert.Equal(2, status);
        Assert.StartsWith("kiln: broken_1_all.ipk: not a valid gzip'd tar", output);
        Assert.DoesNotContain("   at ", output);

        (status, output) = Kiln("index", feed);
        Assert.Equal(2, status);
        Assert.StartsWith("kiln: broken_1_all.ipk: not a valid gzip'd tar", output);
        Assert.Equal(["broken_1_all.ipk"], Directory.GetFiles(feed).Select(Path.GetFileName));
    }

    [Fact]
    public void ASecondBuildInALockedTreeIsRefused()
    {
        using (TreeLock.Take(_tree.Top))
        {
            var (status, output) = Kiln("build", "--target", Builds.Mips, "greeter");
            Assert.Equal(2, status);
            Assert.StartsWith($"kiln: another kiln build or clean is running in {_tree.Top}", output);
        }
        Assert.False(Directory.Exists(_tree.In("build_dir")));
    }
}
