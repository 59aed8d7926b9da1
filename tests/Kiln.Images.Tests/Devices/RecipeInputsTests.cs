using Kiln.Images.Devices;

namespace Kiln.Images.Tests.Devices;

/// <summary>What a device recipe's command needs before it runs, said before the shell would say "not found".</summary>
public sealed class RecipeInputsTests : IDisposable
{
    private readonly string _hostBin = Directory.CreateTempSubdirectory("kiln-host-bin-").FullName;

    public void Dispose() => Directory.Delete(_hostBin, recursive: true);

    [Fact]
    public void AScriptOfTheTreeNamesTheToolsItCallsInTurn()
    {
        // Build/combined runs gen_image_generic.sh, which runs ptgen from PATH (staging_dir/host/bin first).
        const string command = "PADDING=\"1\" SIGNATURE=\"d9f7497c\" /openwrt/scripts/gen_image_generic.sh out.img 16 out.img.boot 104 root.squashfs 256";
        var missing = RecipeInputs.MissingProgram(command, _hostBin, new Dictionary<string, string> { ["PATH"] = _hostBin });
        Assert.NotNull(missing);
        Assert.Equal("ptgen", missing.Name);
        Assert.Contains("tools/", missing.Remedy);

        File.WriteAllText(Path.Combine(_hostBin, "ptgen"), "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(_hostBin, "ptgen"), (UnixFileMode)0b111_101_101);
        Assert.Equal("make_ext4fs", RecipeInputs.MissingProgram(command, _hostBin, new Dictionary<string, string> { ["PATH"] = _hostBin })?.Name);
    }
}
