using System.Security.Cryptography;
using System.Text;

namespace Kiln.Build.Tests.Cache;

/// <summary>A temporary directory for cache tests, with the files and records they store.</summary>
internal sealed class CacheTestFiles : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("kiln-cache-test-").FullName;

    public string In(string relative) => Path.Combine(Directory, relative);

    /// <summary>Writes a file and returns its path and SHA-256 (as sha256sum prints it).</summary>
    public (string Path, string Sha256) File(string name, string content)
    {
        var path = In(name);
        System.IO.File.WriteAllText(path, content);
        return (path, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content))));
    }

    public static string Key(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));

    /// <summary>A record of one file with this content, and the file's blob.</summary>
    public (Kiln.Build.Cache.ActionRecord Record, string Path, string Sha256) Step(string name, string content)
    {
        var (path, sha) = File(name, content);
        var record = new Kiln.Build.Cache.ActionRecord(
            [Kiln.Build.Cache.ActionOutput.File($"usr/lib/{name}", (UnixFileMode)0x1ed, content.Length, sha)],
            new Dictionary<string, string> { ["step"] = name });
        return (record, path, sha);
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
