using Kiln.Images.Devices;

namespace Kiln.Images.Tests.Devices;

/// <summary>What a device recipe's command needs before it runs, said before the shell would say "not found".</summary>
public sealed class RecipeInputsTests : IDisposable
{
    private readonly string _hostBin = Directory.CreateTempSubdirectory("kiln-host-bin-").FullName;

    public void Dispose() => Directory.Delete(_hostBin, recursive: true);

    [Fact]
    public void AScriptOfTheTreeNeedsTheToolsItCallsInTurn()
    {
        // Build/combined runs gen_image_generic.sh, which runs ptgen, make_ext4fs and the FAT tools from PATH (staging_dir/host/bin first).
        const string command = "PADDING=\"1\" SIGNATURE=\"d9f7497c\" /openwrt/scripts/gen_image_generic.sh out.img 16 out.img.boot 104 root.squashfs 256";
        var missing = RecipeInputs.MissingTools(command, _hostBin);
        Assert.NotNull(missing);
        Assert.Contains("ptgen (", missing);
        Assert.Contains("tools/firmware-utils", missing);
        Assert.Contains("make_ext4fs (", missing);
        Assert.Contains("mkfs.fat (", missing);

        foreach (var tool in new[] { "ptgen", "make_ext4fs", "mkfs.fat", "mcopy", "mmd" }) File.WriteAllText(Path.Combine(_hostBin, tool), "");
        Assert.Null(RecipeInputs.MissingTools(command, _hostBin));
    }
}
