using Kiln.Build.Staging;

namespace Kiln.Build.Tests;

/// <summary>What a package stages reaches the staging directory as it was staged, links and all.</summary>
public sealed class StagingInstallerTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "kiln-staging-tests", Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void ADirectoryLinkedToItselfIsStagedAsALinkAndListed()
    {
        // ncurses' InstallDev: include/ncursesw is a link to include itself, for <ncursesw/curses.h>.
        var stage = Path.Combine(_root, "stage");
        var include = Path.Combine(stage, "usr", "include");
        Directory.CreateDirectory(include);
        File.WriteAllText(Path.Combine(include, "curses.h"), "/* curses */\n");
        File.CreateSymbolicLink(Path.Combine(include, "ncursesw"), ".");
        var staging = Path.Combine(_root, "staging");
        var list = Path.Combine(staging, "packages", "ncurses.list");
        Directory.CreateDirectory(Path.GetDirectoryName(list)!);

        StagingInstaller.Install(stage, staging, list);

        Assert.Equal(".", new FileInfo(Path.Combine(staging, "usr", "include", "ncursesw")).LinkTarget);
        Assert.Equal("/* curses */\n", File.ReadAllText(Path.Combine(staging, "usr", "include", "ncursesw", "curses.h")));
        Assert.Equal(["./", "./usr", "./usr/include", "./usr/include/curses.h", "./usr/include/ncursesw"], File.ReadAllLines(list));
        Assert.False(Directory.Exists(stage));
    }
}
