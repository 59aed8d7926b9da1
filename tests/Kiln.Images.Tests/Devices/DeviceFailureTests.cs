using System.Diagnostics;
using Kiln.Images.Devices;

namespace Kiln.Images.Tests.Devices;

/// <summary>
/// What a device's failure says when a recipe succeeded but left no file: check-size's warning when
/// it removed an image that was too big, else the recipe's own last lines (a tool behind
/// "|| rm -f $@", as tplink-safeloader is called, says there why it failed) — never the text of a
/// command echoed earlier in the device's log.
/// </summary>
public sealed class DeviceFailureTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kiln-device-failure-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>OpenWrt's check-size as image-commands.mk expands it for <paramref name="image"/> (the command the log echoes).</summary>
    private static string CheckSize(string image, int kilobytes) =>
        $"imagesize=\"$(stat -c%s {image})\"; limitsize=\"$(({kilobytes} * 1024))\"; [ $limitsize -ge $imagesize ] || " +
        $"{{   {{ printf \"%s\\n\" \"    WARNING: Image file {image} is too big: $imagesize > $limitsize\" >&9 || " +
        $"printf \"%s\\n\" \"    WARNING: Image file {image} is too big: $imagesize > $limitsize\"; }} >&2 2>/dev/null; rm -f {image}; }}";

    /// <summary>Runs a command as a recipe line runs: echoed into the log, then its output appended.</summary>
    private static void RunLogged(string log, string command)
    {
        File.AppendAllText(log, command + "\n");
        var start = new ProcessStartInfo("/bin/sh", ["-c", $"{{ {command}\n}} >>'{log}' 2>&1"]);
        using var shell = Process.Start(start)!;
        shell.WaitForExit();
    }

    [Fact]
    public void A_tool_that_failed_behind_rm_is_named_by_its_output_not_by_an_earlier_check_size_command()
    {
        var log = Path.Combine(_dir, "tplink_archer-c60-v1.txt");
        var sysupgrade = Path.Combine(_dir, "sysupgrade.bin");
        File.WriteAllBytes(sysupgrade, new byte[2048]);
        // The sysupgrade image fits: check-size prints nothing, but its command, warning text and all, is in the log.
        RunLogged(log, CheckSize(sysupgrade, 7936));
        Assert.True(File.Exists(sysupgrade));

        var start = new FileInfo(log).Length;
        var factory = Path.Combine(_dir, "factory.bin");
        RunLogged(log, $"rm -f {factory}");
        RunLogged(log, $"{{ echo 'support-list partition too big (more than 256 bytes): Success' >&2; false; }} && mv {factory}.new {factory} || rm -f {factory}");

        var output = DeviceImageBuilder.RecipeOutput(log, start);
        Assert.DoesNotContain(output, line => line.Contains("imagesize=", StringComparison.Ordinal));
        var (reason, tooBig) = DeviceImageBuilder.WhyNotMade(output, "build_dir/factory.bin");
        Assert.False(tooBig);
        Assert.StartsWith("the recipe did not make build_dir/factory.bin:\n  | ", reason);
        Assert.EndsWith("\n  | support-list partition too big (more than 256 bytes): Success", reason);

        // Even with the whole log, the echoed command is not taken for check-size's warning.
        var (whole, wholeTooBig) = DeviceImageBuilder.WhyNotMade(DeviceImageBuilder.RecipeOutput(log, 0), "build_dir/factory.bin");
        Assert.False(wholeTooBig);
        Assert.DoesNotContain("WARNING", whole.Split('\n')[0]);
    }

    [Fact]
    public void An_image_check_size_removed_is_said_with_its_warning()
    {
        var log = Path.Combine(_dir, "device.txt");
        var image = Path.Combine(_dir, "sysupgrade.bin");
        File.WriteAllBytes(image, new byte[3 * 1024]);
        RunLogged(log, CheckSize(image, 2));
        Assert.False(File.Exists(image));

        var (reason, tooBig) = DeviceImageBuilder.WhyNotMade(DeviceImageBuilder.RecipeOutput(log, 0), "sysupgrade.bin");
        Assert.True(tooBig);
        Assert.Equal($"Image file {image} is too big: 3072 > 2048", reason);
    }

    [Fact]
    public void A_recipe_that_said_nothing_is_said_to_have_made_nothing()
    {
        Assert.Equal(("the recipe did not make x.bin", false), DeviceImageBuilder.WhyNotMade([], "x.bin"));
        Assert.Empty(DeviceImageBuilder.RecipeOutput(Path.Combine(_dir, "no-log.txt"), 0));
    }
}
