using Kiln.Build.Cache;
using Kiln.Build.Settings;
using Kiln.Core.Errors;

namespace Kiln.Build.Tests.Cache;

/// <summary>kiln.conf's cache settings, and the cache they open.</summary>
public sealed class CacheSettingsTests : IDisposable
{
    private readonly CacheTestFiles _tree = new();

    private KilnSettings Read(string conf)
    {
        File.WriteAllText(_tree.In(KilnSettings.FileName), conf);
        return KilnSettings.Read(_tree.Directory);
    }

    private static string? NoEnvironment(string name) => null;

    [Fact]
    public void AServerUrlWithAPrefixAndAModeAreRead()
    {
        var cache = Read("mirror = ../mirror\ncache = http://cache.example:9090/teams/router\ncache-mode = read\n").Cache;
        Assert.Equal(new CacheSettings("http://cache.example:9090/teams/router", CacheMode.Read, null), cache);
        Assert.True(cache.IsRemote);
        using var opened = cache.Open(NoEnvironment);
        Assert.IsType<ReadOnlyBuildCache>(opened);
        Assert.False(opened!.PutAction(CacheTestFiles.Key("k"), new ActionRecord([]), out var failure));
        Assert.Contains("read-only", failure);
    }

    [Fact]
    public void ADirectoryIsRelativeToTheTreeAndHasASizeLimit()
    {
        var cache = Read("cache = ../shared-cache\ncache-size = 1.5G\n").Cache;
        Assert.Equal(Path.GetFullPath(Path.Combine(_tree.Directory, "..", "shared-cache")), cache.Location);
        Assert.Equal(CacheMode.ReadWrite, cache.Mode);
        using var opened = cache.Open(NoEnvironment);
        var directory = Assert.IsType<DirectoryBuildCache>(opened);
        Assert.Equal(3L << 29, directory.SizeLimit);
        Assert.Equal(cache.Location, directory.Directory);
    }

    [Fact]
    public void NoCacheOrCacheOffOpensNothing()
    {
        Assert.Equal(CacheSettings.None, Read("mirror = ../mirror\n").Cache);
        Assert.Null(Read("").Cache.Open(NoEnvironment));
        Assert.Null(Read("cache = /tmp/kiln-cache\ncache-mode = off\n").Cache.Open(NoEnvironment));
    }

    [Theory]
    [InlineData("cache-mode = sometimes", "kiln.conf:1: *** cache-mode is read, readwrite or off, not 'sometimes'.")]
    [InlineData("cache-size = lots", "kiln.conf:1: *** cache-size is a size such as 500M or 10G, not 'lots'.")]
    [InlineData("cache-size = -1G", "kiln.conf:1: *** cache-size is a size such as 500M or 10G, not '-1G'.")]
    [InlineData("cache = ftp://host/cache", "kiln.conf:1: *** cache 'ftp://host/cache' is neither an http(s) URL nor a directory.")]
    [InlineData("cache = http://user:secret@host/", "kiln.conf:1: *** cache URL must not hold credentials: set KILN_CACHE_USER and KILN_CACHE_PASSWORD, or KILN_CACHE_TOKEN.")]
    [InlineData("cache-size = 10G\ncache = http://host/", "kiln.conf:1: *** cache-size applies to a cache directory; a cache server evicts by its own settings.")]
    [InlineData("cache-dir = /tmp", "kiln.conf:1: *** unknown setting 'cache-dir'.")]
    [InlineData("cache =", "kiln.conf:1: *** cache names no server or directory (give a URL or a directory, or set cache-mode = off).")]
    public void BadCacheSettingsAreUserErrors(string conf, string message)
    {
        var error = Assert.Throws<UserError>(() => Read(conf + "\n"));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void CredentialsComeFromTheEnvironmentAndAreNeverShown()
    {
        Dictionary<string, string> environment = new()
        {
            [CacheCredentials.UserVariable] = "builder",
            [CacheCredentials.PasswordVariable] = "hunter2",
        };
        var basic = CacheCredentials.FromEnvironment(environment.GetValueOrDefault);
        Assert.Equal("Basic credentials", basic!.ToString());
        environment[CacheCredentials.TokenVariable] = "tok3n";
        Assert.Equal("Bearer credentials", CacheCredentials.FromEnvironment(environment.GetValueOrDefault)!.ToString());
        Assert.Null(CacheCredentials.FromEnvironment(NoEnvironment));
        var error = Assert.Throws<UserError>(() => CacheCredentials.FromEnvironment(
            new Dictionary<string, string> { [CacheCredentials.UserVariable] = "builder" }.GetValueOrDefault));
        Assert.Contains(CacheCredentials.PasswordVariable, error.Message);
    }

    [Theory]
    [InlineData(1000, "1000")]
    [InlineData(1536, "1.5K")]
    [InlineData(1L << 20, "1M")]
    [InlineData(10L << 30, "10G")]
    [InlineData((3L << 40) + (1L << 39), "3.5T")]
    public void ASizeIsPrintedAsItIsWrittenInKilnConf(long bytes, string text)
    {
        Assert.Equal(text, CacheSettings.FormatSize(bytes));
        Assert.Equal(bytes, CacheSettings.ParseSize(text));
    }

    public void Dispose() => _tree.Dispose();
}
