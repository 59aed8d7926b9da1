using System.Runtime.Versioning;
using Kiln.Images.Filesystems;

namespace Kiln.Images.Tests.Filesystems;

[SupportedOSPlatform("linux")]
public sealed class StagedRootTests : IDisposable
{
    private readonly TestRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void ListsEachDirectoryBeforeItsEntriesInByteOrder()
    {
        // "etc-old" sorts before "etc/..." as a path, after "etc" as a name: the walk keeps etc's entries with etc.
        File.WriteAllText(Path.Combine(_root.Root, "etc-old"), "x");
        File.WriteAllText(Path.Combine(_root.Root, "Etc"), "x");
        var entries = StagedRoot.List(_root.Root);
        Assert.Equal(
            ["", "Etc", "bin", "bin/link", "bin/tool", "etc", "etc/banner", "etc/config", "etc/config/network", "etc-old", "tmp", "usr", "usr/lib",
                "usr/lib/blob", "usr/sbin", "usr/sbin/suid"],
            entries.Select(e => e.RelativePath));
        var link = entries.Single(e => e.RelativePath == "bin/link");
        Assert.Equal((RootEntryKind.Symlink, "../etc/banner", 13L), (link.Kind, link.LinkTarget, link.Size));
        Assert.Equal(TestRoot.Blob.Length, entries.Single(e => e.RelativePath == "usr/lib/blob").Size);
        Assert.Equal(UnixFileMode.SetUser | (UnixFileMode)0b111_101_101, entries.Single(e => e.RelativePath == "usr/sbin/suid").Mode);
    }

    [Fact]
    public void WalkOrderPutsADirectorysEntriesBeforeLongerNames()
    {
        Assert.True(StagedRoot.CompareWalkOrder("dev/console", "dev-x") < 0);
        Assert.True(StagedRoot.CompareWalkOrder("dev", "dev/console") < 0);
        Assert.True(StagedRoot.CompareWalkOrder("dev", "bin/tool") > 0);
        Assert.True(StagedRoot.CompareWalkOrder("dev", "etc") < 0);
        Assert.Equal(0, StagedRoot.CompareWalkOrder("dev", "dev"));
    }
}
