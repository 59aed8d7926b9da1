using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using Kiln.Core.Errors;
using Kiln.Core.Files;
using Kiln.Images.Rootfs;
using Kiln.Packing.Signing;

namespace Kiln.Pipeline.ImageBuilder;

/// <summary>
/// An http(s) package feed kept as a local directory, as opkg keeps its lists: the index (Packages.gz, else Packages) and
/// Packages.sig fetched, the signature verified with the Image Builder's keys before the index is kept, then only the
/// .ipk files an install plan needs fetched, each checked against the signed index's SHA256sum before it takes its name.
/// </summary>
public static class RemoteFeed
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(5) };

    /// <summary>The feed's verified index in <paramref name="cache"/>/NAME; returns that directory (a feed <see cref="PackageFeed"/> reads).</summary>
    /// <param name="keys">The directory of public keys, each file named by its fingerprint.</param>
    public static string Materialise(Repository repository, string cache, string keys)
    {
        var what = $"feed {repository.Name} ({repository.Location})";
        var url = repository.Location.TrimEnd('/');
        var index = Get(url + "/Packages.gz") is { } compressed ? Gunzip(compressed, what)
            : Get(url + "/Packages") ?? throw new UserError($"{what}: has neither Packages.gz nor Packages");
        var signature = Get(url + "/Packages.sig")
            ?? throw new UserError($"{what}: has no Packages.sig: Kiln installs only from feeds whose index is signed");
        Verify(index, System.Text.Encoding.ASCII.GetString(signature), keys, what);

        var directory = Path.Combine(cache, repository.Name);
        Directory.CreateDirectory(directory);
        // The index is replaced only once verified: what the directory lists is always what the key signed.
        AtomicFile.Write(Path.Combine(directory, "Packages"), index);
        AtomicFile.Write(Path.Combine(directory, "Packages.sig"), signature);
        File.WriteAllText(Path.Combine(directory, ".kiln-url"), url + "\n");
        return directory;
    }

    /// <summary>
    /// Fetches the .ipk files of the plan's packages that come from a remote feed kept in <paramref name="cache"/> and are not
    /// there yet (or no longer match the index), each checked against the index's size and SHA256sum.
    /// </summary>
    public static void FetchPackages(IEnumerable<FeedPackage> packages, string cache, Action<string> progress)
    {
        var root = Path.GetFullPath(cache).TrimEnd('/') + "/";
        foreach (var package in packages)
        {
            if (!package.IpkPath.StartsWith(root, StringComparison.Ordinal)) continue;
            var feed = package.IpkPath[root.Length..].Split('/')[0];
            var directory = Path.Combine(root, feed);
            var url = File.ReadAllText(Path.Combine(directory, ".kiln-url")).Trim();
            var what = $"feed {feed} ({url})";
            var expected = package.IndexedSha256 ?? throw new UserError($"{what}: the index gives {package.Name} no SHA256sum");
            if (File.Exists(package.IpkPath) && Sha256(File.ReadAllBytes(package.IpkPath)) == expected) continue;
            var relative = Path.GetRelativePath(directory, package.IpkPath);
            var bytes = Get(url + "/" + relative) ?? throw new UserError($"{what}: package {package.Name}: {relative} is not there (HTTP 404)");
            var actual = Sha256(bytes);
            if (actual != expected || (package.IndexedSize is { } size && size != bytes.Length))
                throw new UserError($"{what}: package {package.Name}: {relative} does not match the signed index " +
                    $"(SHA-256 {actual}, {bytes.Length} bytes; the index says {expected}" +
                    (package.IndexedSize is { } s ? $", {s} bytes)" : ")"));
            progress($"feed {feed}: fetched {relative}");
            Directory.CreateDirectory(Path.GetDirectoryName(package.IpkPath)!);
            AtomicFile.Write(package.IpkPath, bytes);
        }
    }

    /// <summary>Checks the index's signature with the key that made it, which must be among <paramref name="keys"/>.</summary>
    private static void Verify(byte[] index, string signature, string keys, string what)
    {
        var signer = Usign.SignerOf(signature, what + " Packages.sig");
        var keyFile = Path.Combine(keys, signer);
        if (!File.Exists(keyFile))
            throw new UserError($"{what}: Packages.sig is signed by key {signer}, which is not in {keys} (add its public key there as a file named {signer})");
        var key = Usign.ReadPublic(File.ReadAllText(keyFile), keyFile);
        if (Usign.Verify(index, signature, key, "Packages.sig") is { } problem)
            throw new UserError($"{what}: {problem}: the index is not the one key {signer} signed");
    }

    /// <summary>The body of a successful GET, or null when the server has no such file (404); any other failure stops.</summary>
    private static byte[]? Get(string url)
    {
        try
        {
            using var response = Http.GetAsync(url).GetAwaiter().GetResult();
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone) return null;
            if (!response.IsSuccessStatusCode) throw new UserError($"{url}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            return response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new UserError($"{url}: {e.Message.Split('\n')[0]}");
        }
    }

    private static byte[] Gunzip(byte[] bytes, string what)
    {
        try
        {
            using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var output = new MemoryStream();
            input.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            throw new UserError($"{what}: Packages.gz is not gzip data");
        }
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
