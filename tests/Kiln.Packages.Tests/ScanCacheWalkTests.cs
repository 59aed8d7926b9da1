using Kiln.Core.Files;
using Kiln.OpenWrt.Scanning;
using Kiln.Packages.Scanning.Cache;

namespace Kiln.Packages.Tests;

/// <summary>The walk's listings are kept in the cache file with the results, and read back as they were written.</summary>
public sealed class ScanCacheWalkTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kiln-cache-walk-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void TheListingsComeBackFromTheFileAsTheyWereWritten()
    {
        var file = _directory + "/scan-package.cache";
        var listings = new Dictionary<string, DirectoryListing>(StringComparer.Ordinal)
        {
            [""] = new(new FileStamp(1, 2, 4096, 10, 11), false, ["libs", "utils"]),
            ["libs/foo"] = new(new FileStamp(1, 3, 4096, 12, 13), true, []),
        };
        ScanCacheFile.Write(file, "key", [], [], listings);

        var read = ScanCacheFile.ReadWalk(ScanCacheFile.Read(file, "key", new Dictionary<string, string>()).Walk);
        Assert.Equal(listings.Keys.Order(StringComparer.Ordinal), read.Keys.Order(StringComparer.Ordinal));
        foreach (var (directory, listing) in listings)
        {
            Assert.Equal(listing.Stamp, read[directory].Stamp);
            Assert.Equal(listing.HasMakefile, read[directory].HasMakefile);
            Assert.Equal(listing.Subdirectories, read[directory].Subdirectories);
        }
        // A cache written for another key gives no listings either.
        Assert.Empty(ScanCacheFile.ReadWalk(ScanCacheFile.Read(file, "other key", new Dictionary<string, string>()).Walk));
    }
}
