using Kiln.Configuration.Choice;
using Kiln.Configuration.Kconfig;
using Kiln.OpenWrt.Evaluation;
using Kiln.Packages.Scanning;
using Kiln.Targets.Model;
using Kiln.Targets.Scanning;

namespace Kiln.Targets.Tests;

/// <summary>The image helpers and names of Kiln's image.mk, as OpenWrt defines them, read in the demo board's build.</summary>
public class ImageHelperTests
{
    private static readonly Lazy<Dictionary<string, string>> Values = new(Evaluate);

    /// <summary>Each case: what a line of make prints with $(info), and what OpenWrt's helpers make of it.</summary>
    public static TheoryData<string, string> Cases => new()
    {
        { "$(call exp_units,16128k)", "16128 * 1024" },
        { "$(call exp_units,8m)", "8 * 1024 * 1024" },
        { "$(call exp_units,1g)", "1 * 1024 * 1024 * 1024" },
        { "$(call exp_units,4096)", "4096" },
        { "$(call param_get,fs,bs=64k fs=-Xbcj_x86 pkg=abc)", "-Xbcj_x86" },
        { "$(call param_get,nope,bs=64k fs=x)", "" },
        { "$(call param_get_default,bs,bs=64k fs=x,128k)", "64k" },
        { "$(call param_get_default,bs,fs=x,128k)", "128k" },
        { "$(call param_mangle, -b 256k  -comp xz )", "-b_256k_-comp_xz" },
        { "$(call param_unmangle,-b_256k)", "-b 256k" },
        { "$(IMG_PREFIX)", "openwrt-demo-small" },
        { "$(IMG_ROOTFS)", "openwrt-demo-small-rootfs" },
        { "$(IMG_COMBINED)", "openwrt-demo-small-combined" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void HelperGivesOpenWrtsResult(string expression, string expected) => Assert.Equal(expected, Values.Value[expression]);

    /// <summary>One Makefile in a scratch directory of the example tree prints every case, reading image.mk as the demo board's images do.</summary>
    private static Dictionary<string, string> Evaluate()
    {
        var directory = Path.Combine(Fixtures.Example, "target/linux/demo/helpers-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var expressions = Cases.Select(c => (string)c[0]).ToList();
            File.WriteAllLines(Path.Combine(directory, "Makefile"),
                ["include $(TOPDIR)/rules.mk", "include $(INCLUDE_DIR)/image.mk", .. expressions.Select(e => $"$(info [{e}])")]);
            var catalog = TargetCatalog.Read(new TargetScanOptions(Fixtures.Example) { OnlyBoard = "demo" });
            using var shell = new KconfigShell(Fixtures.Example, null);
            var config = DefaultConfiguration.For(Fixtures.Example, catalog.Board("demo")!, catalog.Find("demo/small"), shell);
            var output = new MakefileDump(Fixtures.Example, null, TimeSpan.FromSeconds(60), config).Run(directory, "helpers", ["TARGET_BUILD=1"]);
            Assert.Null(output.Error);
            var lines = output.Stdout.Split('\n').Where(l => l.StartsWith('[')).Select(l => l[1..^1]).ToList();
            return expressions.Zip(lines).ToDictionary(p => p.First, p => p.Second);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
