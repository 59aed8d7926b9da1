using System.Diagnostics;

namespace Kiln.Build.Tests;

/// <summary>
/// USE_SOURCE_DIR, as a developer gives it to make (`make package/knobzst/compile
/// USE_SOURCE_DIR=~/src/knob`; with kiln, in the environment, which make reads too): the package's
/// build directory becomes a link to that checkout and the build happens there, with nothing
/// downloaded.
/// </summary>
public sealed class SourceDirectoryTests : IDisposable
{
    private readonly TestTree _tree = Knobs.Tree();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void TheBuildDirectoryIsALinkToTheGivenDirectory()
    {
        var checkout = Path.Combine(_tree.Root, "knob-checkout");
        Directory.CreateDirectory(checkout);
        Assert.Equal(0, Builds.Execute("tar", "--zstd", "--strip-components=1", "-C", checkout, "-xf",
            Path.Combine(_tree.Root, "mirror", "knobzst-1.0.tar.zst")).Status);
        var source = Path.Combine(checkout, "knob.c");
        File.WriteAllText(source, File.ReadAllText(source).Replace("from an archive", "from a checkout", StringComparison.Ordinal));

        var (status, output) = Kiln(checkout, "--topdir", _tree.Top, "build", "--target", Builds.Mips, "-j", "2", "knobzst");

        Assert.True(status == 0, output);
        var directory = Knobs.BuildDirectory(_tree, "knobzst");
        Assert.Equal(checkout, new FileInfo(directory).LinkTarget);
        Assert.Contains($"ln -snf {checkout} {directory}", Knobs.Log(_tree, "knobzst", "prepare"));
        Assert.True(File.Exists(Path.Combine(checkout, ".source_dir")));
        Assert.Equal((0, "knob from a checkout\n"),
            Builds.Execute("qemu-mips-static", "-cpu", "24Kf", "-L", "/usr/mips-linux-gnu", Path.Combine(checkout, "knob")));
        Assert.False(File.Exists(_tree.In("dl/knobzst-1.0.tar.zst")));
    }

    /// <summary>The kiln program beside the tests, with USE_SOURCE_DIR in its environment.</summary>
    private static (int Status, string Output) Kiln(string sourceDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "kiln"), arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["USE_SOURCE_DIR"] = sourceDirectory;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result + errors.Result);
    }
}
