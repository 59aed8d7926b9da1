using Kiln.OpenWrt.Api;

namespace Kiln.OpenWrt.Tests;

/// <summary>
/// Kernel config files merged as scripts/kconfig.pl's "+ + a b c" merges them: a later file's value replaces an earlier one,
/// "is not set" included, and the last of a name in one file wins; what ends up set, in name order. Lists that share
/// their first files (every subtarget starts with the generic files) each give what they would alone.
/// </summary>
public sealed class KernelConfigTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kiln-kconfig-").FullName;

    private string File(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void LaterFilesWinAndWhatIsNotSetIsLeftOut()
    {
        var generic = File("config-6.6", "CONFIG_B=y\nCONFIG_A=m\n# CONFIG_C is not set\nCONFIG_D=\"x y\"\nCONFIG_A=y\n# a comment\n");
        var board = File("board", "# CONFIG_B is not set\nCONFIG_C=y\nCONFIG_E=42\n");
        var subtarget = File("subtarget", "CONFIG_B=m\n# CONFIG_E is not set\nCONFIG_AA=y\n");
        var other = File("other", "CONFIG_Z=y\n");
        var config = new KernelConfig();

        Assert.Equal(Options(("CONFIG_A", "y"), ("CONFIG_B", "y"), ("CONFIG_D", "\"x y\"")), config.Merge([generic]));
        Assert.Equal(Options(("CONFIG_A", "y"), ("CONFIG_C", "y"), ("CONFIG_D", "\"x y\""), ("CONFIG_E", "42")),
            config.Merge([generic, board]));
        Assert.Equal(Options(("CONFIG_A", "y"), ("CONFIG_AA", "y"), ("CONFIG_B", "m"), ("CONFIG_C", "y"), ("CONFIG_D", "\"x y\"")),
            config.Merge([generic, board, subtarget]));
        Assert.Equal(Options(("CONFIG_A", "y"), ("CONFIG_C", "y"), ("CONFIG_D", "\"x y\""), ("CONFIG_E", "42"), ("CONFIG_Z", "y")),
            config.Merge([generic, board, other]));
        // The same lists again, in another order, from a fresh merger: the same answers.
        var fresh = new KernelConfig();
        Assert.Equal(config.Merge([generic, board, other]), fresh.Merge([generic, board, other]));
        Assert.Equal(config.Merge([generic]), fresh.Merge([generic]));
        Assert.Empty(fresh.Merge([]));
    }

    private static KeyValuePair<string, string>[] Options(params (string Name, string Value)[] options) =>
        [.. options.Select(o => KeyValuePair.Create(o.Name, o.Value))];

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
