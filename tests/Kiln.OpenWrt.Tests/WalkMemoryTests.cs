using Kiln.Core.Files;
using Kiln.OpenWrt.Scanning;

namespace Kiln.OpenWrt.Tests;

/// <summary>A walk takes a directory's listing from memory exactly while the directory is unchanged, and never one that holds a link.</summary>
public sealed class WalkMemoryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("kiln-walk-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private List<FoundMakefile> Walk(WalkMemory memory) => [.. MakefileFinder.Candidates(_root, 5, memory)];

    [Fact]
    public void AnUnchangedDirectoryIsTakenFromMemoryAndAChangedOneIsReadAgain()
    {
        Directory.CreateDirectory(_root + "/feed/a");
        File.WriteAllText(_root + "/feed/a/Makefile", "");
        Directory.CreateDirectory(_root + "/b/c");
        File.WriteAllText(_root + "/b/c/Makefile", "");
        Directory.CreateSymbolicLink(_root + "/link", _root + "/feed");
        Thread.Sleep(FileStamp.Settled + TimeSpan.FromMilliseconds(100));

        var first = new WalkMemory(new Dictionary<string, DirectoryListing>());
        var found = Walk(first);
        Assert.Equal(["b/c", "feed/a", "link/a"], found.Select(f => f.Directory).Order(StringComparer.Ordinal));
        Assert.True(first.Changed);
        // The top directory holds a link: its listing is read every time.
        Assert.DoesNotContain("", first.Listings.Keys);
        Assert.Contains("b", first.Listings.Keys);

        var second = new WalkMemory(first.Listings);
        Assert.Equal(found, Walk(second));
        Assert.False(second.Changed);

        // A listing taken from memory is used as it is: made to say that b has no subdirectory, it hides b/c.
        var altered = first.Listings.ToDictionary();
        altered["b"] = altered["b"] with { Subdirectories = [] };
        Assert.DoesNotContain(Walk(new WalkMemory(altered)), f => f.Directory == "b/c");

        // Once b changes, its stamp does: it is read again, and what it holds now is found.
        Directory.CreateDirectory(_root + "/b/d");
        File.WriteAllText(_root + "/b/d/Makefile", "");
        var third = new WalkMemory(altered);
        Assert.Equal(["b/c", "b/d", "feed/a", "link/a"], Walk(third).Select(f => f.Directory).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ADirectoryChangedJustBeforeTheWalkIsNotKept()
    {
        Directory.CreateDirectory(_root + "/a");
        File.WriteAllText(_root + "/a/Makefile", "");
        var memory = new WalkMemory(new Dictionary<string, DirectoryListing>());
        Assert.Equal("a", Assert.Single(Walk(memory)).Directory);
        Assert.False(memory.Changed);
        Assert.Empty(memory.Listings);
    }
}
