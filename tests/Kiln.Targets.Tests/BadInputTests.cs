using System.Text.RegularExpressions;
using Kiln.Core.Errors;
using Kiln.Make.Diagnostics;
using Kiln.Pipeline.Devices;
using Kiln.Targets.Devices;
using Kiln.Targets.Model;
using Kiln.Targets.Plans;
using Kiln.Targets.Scanning;

namespace Kiln.Targets.Tests;

/// <summary>
/// The broken tree: a device's mistake is reported as make reports it, where it is, and the
/// other devices are read all the same; a board that cannot be read fails alone.
/// </summary>
public sealed class BadInputTests
{
    private const string ImageMakefile = "target/linux/oops/image/Makefile";
    private const string FailsMakefile = "target/linux/fails/Makefile";

    private static readonly Lazy<DeviceSet> Oops = new(() => SubtargetDevices.Load(Fixtures.Broken, "oops/generic", configFile: null,
        TimeSpan.FromSeconds(60)).Devices);
    private static readonly Lazy<TargetScanResult> Scan = new(() => ScanBroken(skipFailingDevices: false));
    private static readonly Lazy<TargetScanResult> ScanSkipping = new(() => ScanBroken(skipFailingDevices: true));

    // ---- reading one subtarget's devices ----

    [Theory]
    [InlineData("syntax", "define Device/syntax", "missing separator")]
    [InlineData("missing-command", "define Device/missing-command", "Missing Build/no-such-command")]
    [InlineData("bad-size", "define Device/bad-size", "IMAGE_SIZE \"16 MB\" is not a size")]
    [InlineData("ghost", "TARGET_DEVICES += ghost", "Device/ghost is listed in TARGET_DEVICES but never defined")]
    public void BrokenDeviceHasOneErrorWhereItIsDefined(string device, string lineText, string reason)
    {
        var error = Assert.Single(Oops.Value.Errors, e => e.Device == device);
        Assert.Equal(ImageMakefile, error.Location.File);
        Assert.Equal(LineOf(ImageMakefile, lineText), error.Location.Line);
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public void OnlyTheBrokenDevicesHaveErrors() =>
        Assert.Equal(["bad-size", "ghost", "missing-command", "syntax"], Oops.Value.Errors.Select(e => e.Device).Order(StringComparer.Ordinal));

    [Fact]
    public void DevicesAfterTheBrokenOnesAreStillPlanned()
    {
        var set = Oops.Value;
        Assert.Contains(set.Devices, d => d.Name == "good");
        Assert.Contains(set.Devices, d => d.Name == "after");
        Assert.DoesNotContain(set.Devices, d => d.Name is "syntax" or "ghost");
        Assert.Equal(["good", "after"], set.Plans.Select(p => p.Device));
        foreach (var plan in set.Plans)
        {
            Assert.Equal([FileKind.Kernel, FileKind.Image], plan.Files.Select(f => f.Kind));
            Assert.Equal($"openwrt-oops-generic-{plan.Device}-squashfs-sysupgrade.bin", plan.Files[1].Name);
        }
    }

    [Fact]
    public void ErrorsAreMakeMessagesNotExceptions()
    {
        var messages = Oops.Value.Errors.Select(e => e.Reason)
            .Concat(new[] { Scan.Value, ScanSkipping.Value }.SelectMany(s => s.Failures).Select(b => b.Error!))
            .ToList();
        Assert.NotEmpty(messages);
        Assert.All(messages, message => Assert.DoesNotMatch(DotNetDetails, message));
    }

    // ---- scanning the targets ----

    [Fact]
    public void BoardWithAnErrorFailsWhereMakeStops()
    {
        var fails = Board(Scan.Value, "fails");
        Assert.True(fails.Failed);
        Assert.Equal($"{FailsMakefile}:{LineOf(FailsMakefile, "$(error this board is not finished)")}: *** this board is not finished.  Stop.",
            fails.Error);
    }

    [Fact]
    public void ByDefaultADeviceErrorFailsItsBoardAsOpenWrtDoes()
    {
        var oops = Board(Scan.Value, "oops");
        Assert.True(oops.Failed);
        Assert.StartsWith(ImageMakefile + ":", oops.Error);
        Assert.EndsWith("*** missing separator.  Stop.", oops.Error);
    }

    [Fact]
    public void SkippingFailingDevicesReadsTheBoardWithTheOthers()
    {
        Assert.True(Board(ScanSkipping.Value, "fails").Failed);
        var oops = Board(ScanSkipping.Value, "oops");
        Assert.False(oops.Failed, oops.Error);
        var generic = Assert.Single(TargetInfoParser.Parse(oops.Block), t => t.Id == "oops/generic");
        var profiles = generic.Profiles.Select(p => p.Id).ToList();
        Assert.Contains("DEVICE_good", profiles);
        Assert.Contains("DEVICE_after", profiles);
        Assert.DoesNotContain("DEVICE_syntax", profiles);
        Assert.DoesNotContain("DEVICE_ghost", profiles);
    }

    [Fact]
    public void UnknownTargetNamesTheBoardsSubtargets()
    {
        var catalog = TargetCatalog.Read(new TargetScanOptions(Fixtures.Broken) { OnlyBoard = "oops", SkipFailingDevices = true });
        var error = Assert.Throws<UserError>(() => catalog.Find("oops/nope"));
        Assert.Contains("oops/nope", error.Message);
        Assert.Contains("oops/generic", error.Message);
    }

    /// <summary>An exception's type name or a stack frame ("   at Namespace.Type.Method(...)").</summary>
    private static readonly Regex DotNetDetails = new(@"Exception|System\.|^\s*at \S+\(|\bat [\w.`<>]+\(", RegexOptions.Multiline);

    private static TargetScanResult ScanBroken(bool skipFailingDevices) =>
        new TargetScanner(new TargetScanOptions(Fixtures.Broken) { SkipFailingDevices = skipFailingDevices }).Run();

    private static BoardScan Board(TargetScanResult scan, string board) =>
        Assert.Single(scan.Boards, b => b.SourceMakefile == $"target/linux/{board}/Makefile");

    /// <summary>The 1-based line of the broken tree's file that contains the text (it must be there).</summary>
    private static int LineOf(string file, string text)
    {
        var index = Array.FindIndex(File.ReadAllLines(Path.Combine(Fixtures.Broken, file)), line => line.Contains(text, StringComparison.Ordinal));
        Assert.True(index >= 0, $"{file} has no line with {text}");
        return index + 1;
    }
}
