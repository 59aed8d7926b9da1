using System.Diagnostics;
using System.Text;
using Kiln.Build.Steps;

namespace Kiln.Build.Tests;

/// <summary>
/// OpenWrt's CONFIG_SRC_TREE_OVERRIDE: with the symbol set and a <c>git-src</c> link in the
/// package's directory pointing at a checkout's .git, the package is built from that repository
/// instead of its download: nothing is fetched, the build directory gets
/// <c>.git -> PACKAGE-DIR/git-src</c> and <c>git checkout .</c> writes the files of the
/// repository's index there (its commits and staged changes, not what is only edited in its
/// working tree), with no patches applied (the tree is expected to hold them). A change in the
/// index prepares the package again.
/// </summary>
public sealed class SourceTreeOverrideTests : IDisposable
{
    private const string Override = "CONFIG_SRC_TREE_OVERRIDE=y\n";

    private readonly TestTree _tree = new();

    private readonly string _repository;

    public SourceTreeOverrideTests()
    {
        // The developer's checkout: greeter's sources, with the message of its own.
        _repository = Path.Combine(_tree.Root, "greeter-checkout");
        Directory.CreateDirectory(_repository);
        Run(_repository, "tar", "--zstd", "--strip-components=1", "-xf", Path.Combine(_tree.Root, "mirror", "greeter-2025.03.14~3c1f0d2b.tar.zst"));
        SetMessage("Howdy from git-src");
        Run(_repository, "git", "init", "--quiet");
        Commit("sources");
        File.CreateSymbolicLink(_tree.In("package/utils/greeter/git-src"), Path.Combine(_repository, ".git"));
    }

    public void Dispose() => _tree.Dispose();

    private string BuildDirectory => Directory.GetDirectories(_tree.In("build_dir"), "greeter-*", SearchOption.AllDirectories).Single();

    [Fact]
    public void PackageIsBuiltFromTheRepositoryInsteadOfItsDownload()
    {
        Builds.Succeed(_tree, Builds.Pc, ["greeter"], Override);

        Assert.Equal(Path.Combine(_tree.In("package/utils/greeter"), "git-src"), new FileInfo(Path.Combine(BuildDirectory, ".git")).LinkTarget);
        // The repository's greeter.c, not the tarball's patched by the package.
        Assert.Contains("#define MESSAGE \"Howdy from git-src\"", File.ReadAllText(Path.Combine(BuildDirectory, "greeter.c")));
        Assert.Contains("Howdy from git-src", Encoding.Latin1.GetString(File.ReadAllBytes(Path.Combine(BuildDirectory, "greeter"))));
        Assert.False(File.Exists(_tree.In("dl/greeter-2025.03.14~3c1f0d2b.tar.zst")));
    }

    [Fact]
    public void WithoutTheSymbolTheLinkIsIgnored()
    {
        Builds.Succeed(_tree, Builds.Pc, ["greeter"]);

        Assert.False(Path.Exists(Path.Combine(BuildDirectory, ".git")));
        Assert.Contains("#define MESSAGE \"Hello\"", File.ReadAllText(Path.Combine(BuildDirectory, "greeter.c")));
        Assert.True(File.Exists(_tree.In("dl/greeter-2025.03.14~3c1f0d2b.tar.zst")));
    }

    [Fact]
    public void ACommitInTheRepositoryPreparesThePackageAgainAndAnEditDoesNot()
    {
        Builds.Succeed(_tree, Builds.Pc, ["greeter"], Override);
        var unchanged = Builds.Succeed(_tree, Builds.Pc, ["greeter"], Override);
        Assert.True(!unchanged.RanSteps.Contains("package/utils/greeter prepare"), string.Join("\n", unchanged.Ran.Select(r => r.Why)));

        // Only edited in the working tree: git checkout . would not take it, so nothing changes.
        SetMessage("Not yet");
        Assert.DoesNotContain("package/utils/greeter prepare", Builds.Succeed(_tree, Builds.Pc, ["greeter"], Override).RanSteps);

        Commit("a new message");
        var again = Builds.Succeed(_tree, Builds.Pc, ["greeter"], Override);
        Assert.Contains("package/utils/greeter prepare", again.RanSteps);
        Assert.Contains("git-src", again.Ran.Single(r => r.Step == "prepare").Why);
        Assert.Contains("#define MESSAGE \"Not yet\"", File.ReadAllText(Path.Combine(BuildDirectory, "greeter.c")));
    }

    private void SetMessage(string message)
    {
        var source = Path.Combine(_repository, "greeter.c");
        var text = File.ReadAllText(source);
        var start = text.IndexOf("#define MESSAGE \"", StringComparison.Ordinal);
        var end = text.IndexOf('\n', start);
        File.WriteAllText(source, text[..start] + $"#define MESSAGE \"{message}\"" + text[end..]);
    }

    private void Commit(string message)
    {
        Run(_repository, "git", "add", ".");
        Run(_repository, "git", "-c", "user.name=Kiln Test", "-c", "user.email=kiln@example.org", "commit", "--quiet", "-m", message);
    }

    private static void Run(string directory, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: {errors.Result}");
    }
}
