using System.Security.Cryptography;

namespace Kiln.Build.Tests;

/// <summary>
/// The same packages built in two trees at different paths give the same bytes: every .ipk and
/// the index. Where a build's path could leak into a binary (__FILE__, assert messages), it is
/// mapped out as OpenWrt maps it (-fmacro-prefix-map for the package's build directory).
/// </summary>
public sealed class ReproducibilityTests : IDisposable
{
    private readonly TestTree _first = new();
    private readonly TestTree _second = new("a/longer/path/to/the/second/tree");

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
    }

    private static SortedDictionary<string, string> Outputs(TestTree tree) => new(
        Directory.EnumerateFiles(tree.In("bin"), "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(tree.Top, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))),
        StringComparer.Ordinal);

    /// <summary>A program that prints the path of its own source, as __FILE__ and assert() put it into binaries.</summary>
    private static void AddPathPrinter(TestTree tree)
    {
        var directory = tree.In("package/utils/whereami");
        Directory.CreateDirectory(Path.Combine(directory, "src"));
        File.WriteAllText(Path.Combine(directory, "src", "whereami.c"), """
            #include <assert.h>
            #include <stdio.h>
            int main(int argc, char **argv) { assert(argc > 0); puts(__FILE__); return 0; }

            """);
        File.WriteAllText(Path.Combine(directory, "Makefile"), """
            include $(TOPDIR)/rules.mk

            PKG_NAME:=whereami
            PKG_VERSION:=1
            PKG_RELEASE:=1

            include $(INCLUDE_DIR)/package.mk

            define Package/whereami
              SECTION:=utils
              CATEGORY:=Utilities
              TITLE:=Prints where it was compiled
            endef

            define Build/Compile
            	$(TARGET_CC) $(TARGET_CFLAGS) -o $(PKG_BUILD_DIR)/whereami $(PKG_BUILD_DIR)/whereami.c
            endef

            define Package/whereami/install
            	$(INSTALL_DIR) $(1)/usr/bin
            	$(INSTALL_BIN) $(PKG_BUILD_DIR)/whereami $(1)/usr/bin/
            endef

            $(eval $(call BuildPackage,whereami))

            """);
    }

    [Fact]
    public void TwoTreesAtDifferentPathsGiveByteIdenticalPackagesAndIndexes()
    {
        string[] packages = [.. ExampleBuild.Packages, "whereami"];
        AddPathPrinter(_first);
        Builds.Succeed(_first, Builds.Mips, packages);
        // The same signing key, made by the first build: the indexes' signatures are then the same bytes too.
        foreach (var key in new[] { "key-build", "key-build.pub" }) File.Copy(_first.In(key), _second.In(key));
        AddPathPrinter(_second);
        Builds.Succeed(_second, Builds.Mips, packages);
        var first = Outputs(_first);
        var second = Outputs(_second);
        Assert.Contains(first.Keys, k => k.EndsWith("Packages.sig", StringComparison.Ordinal));
        Assert.Contains(first.Keys, k => k.Contains("whereami_1-r1", StringComparison.Ordinal));
        var differing = first.Keys.Union(second.Keys).Where(k => first.GetValueOrDefault(k) != second.GetValueOrDefault(k)).ToList();
        Assert.True(differing.Count == 0, "differ: " + string.Join(", ", differing));

        // The mapping is what makes them equal: the program names its source by the build directory's own name, not the tree's path.
        var whereami = Directory.GetFiles(_second.In("build_dir"), "whereami", SearchOption.AllDirectories).Single(f => f.Contains("/ipkg-"));
        var (status, output) = Builds.Execute("qemu-mips-static", "-cpu", "24Kf", "-L", "/usr/mips-linux-gnu", whereami);
        Assert.Equal(0, status);
        Assert.Equal("whereami-1/whereami.c", output.Trim());
    }
}
