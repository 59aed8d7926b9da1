using System.Diagnostics;
using Kiln.Build.Jobs;
using Kiln.Build.Packages;
using Kiln.Build.Sources;
using Kiln.Build.Tools;
using Kiln.Core.Errors;

namespace Kiln.Build.Tests;

/// <summary>
/// Host tools built from a tree's tools/ as OpenWrt builds them (<c>kiln build tools/NAME</c>):
/// Fixtures/tools holds a miniature tools/Makefile and one tool per construct of the real ones
/// (padder: src/ with its own Makefile, as tools/padjffs2; patcher: $(HOSTCC) on src/ files, as
/// tools/patch-image; gitutil: a git source with PKG_MIRROR_HASH built with CMake, as
/// tools/firmware-utils, whose repository each test makes).
/// </summary>
public sealed class ToolBuildTests : IDisposable
{
    private const string Date = "2024-05-06";

    private readonly TestTree _tree = new();

    public ToolBuildTests() => TestTree.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "tools"), _tree.In("tools"));

    public void Dispose() => _tree.Dispose();

    private string HostBin => _tree.In("staging_dir/host/bin");

    [Fact]
    public void ToolsWithTheirSourceInSrcAreBuiltInTheOrderOfToolsMakefileIntoStagingDirHostBin()
    {
        // patcher waits for padder (tools/Makefile); findutils, tar, zstd and libdeflate are Debian's.
        var observer = Builds.Succeed(_tree, Builds.Pc, ["tools/patcher"]);
        Assert.Equal(["tools/padder", "tools/patcher"], observer.Ran.Select(r => r.Node).Distinct().Order(StringComparer.Ordinal));
        var padderInstalled = observer.Ran.FindIndex(r => r is ("tools/padder", "host-install", _));
        var patcherPrepared = observer.Ran.FindIndex(r => r is ("tools/patcher", "host-prepare", _));
        Assert.True(padderInstalled >= 0 && padderInstalled < patcherPrepared, string.Join("\n", observer.Ran));
        Assert.True(File.Exists(_tree.In("staging_dir/host/stamp/.padder_installed")));
        Assert.True(File.Exists(_tree.In("logs/tools/patcher/host-compile.txt")));

        File.WriteAllBytes(_tree.In("image"), new byte[5000]);
        Assert.Equal((0, "padded to 8192\n"), Builds.Execute(Path.Combine(HostBin, "padder"), _tree.In("image"), "4"));
        Assert.Equal(8192, new FileInfo(_tree.In("image")).Length);

        File.WriteAllText(_tree.In("cmdline"), "console=@@@@ root=/dev/sda\n");
        Assert.Equal(0, Builds.Execute(Path.Combine(HostBin, "patch-word"), _tree.In("cmdline"), "ttyS").Status);
        Assert.Equal("console=ttyS root=/dev/sda\n", File.ReadAllText(_tree.In("cmdline")));
        // The tree's tools/include was staged into staging_dir/host/include before the tools were built, as tools/Makefile does.
        Assert.Equal((0, "tools/include\n"), Builds.Execute(Path.Combine(HostBin, "show-word")));
        Assert.Equal("lib", new FileInfo(_tree.In("staging_dir/host/lib64")).LinkTarget);

        var again = Builds.Succeed(_tree, Builds.Pc, ["tools/patcher", "tools/padder"]);
        Assert.Empty(again.Ran);
    }

    [Fact]
    public void TheOrderIsReadFromToolsMakefileWithTheConfig()
    {
        var order = Order("");
        Assert.Equal(["cmake", "patcher", "libdeflate", "tar", "zstd"], order.Needs["gitutil"]);
        Assert.Equal(["findutils", "libdeflate", "tar", "zstd"], order.Needs["padder"]);
        Assert.Equal(["padder", "libdeflate", "tar", "zstd"], order.Needs["patcher"]);
        Assert.Equal(["gitutil", "padder", "patcher", "libdeflate", "tar", "zstd"], order.Enabled);
        Assert.Equal(["padder", "patcher"], order.Tools.Sources.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Contains("extra", Order("CONFIG_SDK=y\n").Enabled);
    }

    [Fact]
    public void AToolTheTreeDoesNotHaveIsNamedWithWhoAskedForIt()
    {
        var e = Assert.Throws<UserError>(() => Builds.Run(_tree, Builds.Pc, ["tools/zstd"]));
        Assert.Equal("tools/zstd (asked for) is not a host tool of this tree (no tools/zstd/Makefile calling HostBuild)", e.Message);
        Assert.Equal("'tools/': name a host tool as tools/NAME", Assert.Throws<UserError>(() => Builds.Run(_tree, Builds.Pc, ["tools/"])).Message);
    }

    [Fact]
    public void AGitToolIsBuiltFromATarballInDlWhoseHashMatches()
    {
        var (repository, revision) = MakeRepository();
        var (file, hash) = Pack(repository, revision);
        Directory.CreateDirectory(_tree.In("dl"));
        File.Move(file, _tree.In("dl/" + Path.GetFileName(file)));
        // The URL leads nowhere: only dl/ can give the source.
        WriteGitTool("file://" + _tree.Root + "/no-such-repository", revision, hash);

        var observer = Builds.Succeed(_tree, Builds.Pc, ["tools/gitutil"]);
        Assert.Equal(["tools/gitutil", "tools/padder", "tools/patcher"], observer.Ran.Select(r => r.Node).Distinct().Order(StringComparer.Ordinal));
        // zlib came from the host (Debian's zlib1g-dev), as OpenWrt's would from tools/zlib.
        Assert.Equal((0, "3610a686\n"), Builds.Execute(Path.Combine(HostBin, "gitutil"), "hello"));
    }

    [Fact]
    public void AGitToolIsClonedAndPackedWhenDlHasNoTarball()
    {
        var (repository, revision) = MakeRepository();
        var (file, hash) = Pack(repository, revision);
        File.Delete(file);
        WriteGitTool("file://" + repository, revision, hash);

        Builds.Succeed(_tree, Builds.Pc, ["tools/gitutil"]);
        Assert.True(File.Exists(_tree.In("dl/" + Path.GetFileName(file))));
        Assert.Equal((0, "3610a686\n"), Builds.Execute(Path.Combine(HostBin, "gitutil"), "hello"));
    }

    [Fact]
    public void AGitToolWhoseHashDoesNotMatchFailsNamingTheTool()
    {
        var (repository, revision) = MakeRepository();
        WriteGitTool("file://" + repository, revision, new string('0', 64));
        var (_, failures) = Builds.Run(_tree, Builds.Pc, ["tools/gitutil"]);
        var failure = Assert.Single(failures, f => f.Node == "tools/gitutil");
        Assert.Contains("tools/gitutil: cannot download gitutil-2024.05.06~", failure.Message, StringComparison.Ordinal);
        Assert.Contains("expected " + new string('0', 64), failure.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(HostBin, "gitutil")));
    }

    private HostToolTree Order(string extraConfig)
    {
        using var jobserver = new Jobserver(1);
        var context = BuildSetup.CreateContext(_tree.Top, Builds.Config(_tree, Builds.Pc, extraConfig), jobserver, new RecordingObserver());
        return HostToolTree.Read(context, null);
    }

    private void WriteGitTool(string url, string revision, string hash) =>
        File.WriteAllText(_tree.In("tools/gitutil/Makefile"), File.ReadAllText(_tree.In("tools/gitutil/Makefile.in"))
            .Replace("@URL@", url, StringComparison.Ordinal).Replace("@DATE@", Date, StringComparison.Ordinal)
            .Replace("@VERSION@", revision, StringComparison.Ordinal).Replace("@HASH@", hash, StringComparison.Ordinal));

    /// <summary>The revision packed as the tool's Makefile names it (gitutil-DATE~REV.tar.zst) by Kiln's own packer, and its hash.</summary>
    private (string File, string Hash) Pack(string repository, string revision)
    {
        var version = Date.Replace('-', '.') + "~" + revision[..8];
        var file = Path.Combine(_tree.Root, $"gitutil-{version}.tar.zst");
        GitArchiver.Pack(new SourceSpec("default", Path.GetFileName(file), ["file://" + repository], "", "", "git", revision,
            "gitutil-" + version, ""), "file://" + repository, file);
        return (file, SourceHash.Of(file, ""));
    }

    /// <summary>A repository with a CMake project that links zlib: gitutil WORD prints the word's CRC-32.</summary>
    private (string Repository, string Revision) MakeRepository()
    {
        var repository = Path.Combine(_tree.Root, "gitutil.git");
        Directory.CreateDirectory(repository);
        File.WriteAllText(Path.Combine(repository, "CMakeLists.txt"), """
            cmake_minimum_required(VERSION 3.10)
            project(gitutil C)
            include(GNUInstallDirs)
            find_package(ZLIB REQUIRED)
            add_executable(gitutil gitutil.c)
            target_include_directories(gitutil PRIVATE ${ZLIB_INCLUDE_DIRS})
            target_link_libraries(gitutil ${ZLIB_LIBRARIES})
            install(TARGETS gitutil RUNTIME)

            """);
        File.WriteAllText(Path.Combine(repository, "gitutil.c"), """
            #include <stdio.h>
            #include <string.h>
            #include <zlib.h>

            int main(int argc, char **argv)
            {
            	if (argc != 2)
            		return 1;
            	printf("%08lx\n", crc32(0, (const unsigned char *)argv[1], strlen(argv[1])));
            	return 0;
            }

            """);
        Git(repository, "init", "--quiet");
        Git(repository, "add", ".");
        Git(repository, "-c", "user.name=Kiln Test", "-c", "user.email=kiln@example.org", "-c", "commit.gpgsign=false", "commit", "--quiet",
            "-m", "gitutil");
        return (repository, Git(repository, "rev-parse", "HEAD").Trim());
    }

    private static string Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_AUTHOR_DATE"] = start.Environment["GIT_COMMITTER_DATE"] = Date + "T00:00:00Z";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)}: {errors}");
        return output.Result;
    }
}
