using Kiln.Build.HostTools;
using Kiln.Core.Errors;
using Kiln.Core.Processes;

namespace Kiln.Build.Sources;

/// <summary>How far a download is: bytes so far and the total when the server says it.</summary>
public readonly record struct DownloadProgress(string File, long Bytes, long? Total);

/// <summary>
/// Fetches a package's sources into dl/: local mirrors first, then the package's own URLs (with
/// OpenWrt's shortcuts expanded), then, for a git source, a clone packed into a tarball. Each
/// attempt is written under a temporary name and checked against its hash before it takes the
/// final name, so dl/ never holds a wrong or partial file under that name.
/// </summary>
public sealed class Downloader(string downloadDirectory, IReadOnlyList<string> mirrors, IProgress<DownloadProgress>? progress = null)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(30) };
    private static readonly HostProgram Curl = new("curl", "curl");

    /// <summary>Makes dl/FILE present and verified; returns its path.</summary>
    public string Fetch(SourceSpec source, string package)
    {
        SourceHash.CheckDeclared(source.ExpectedHash, package, source.File);
        Directory.CreateDirectory(downloadDirectory);
        var final = Path.Combine(downloadDirectory, source.File);
        var problems = new List<string>();
        if (File.Exists(final))
        {
            var actual = SourceHash.Of(final, source.ExpectedHash);
            if (SourceHash.Matches(actual, source.ExpectedHash)) return final;
            problems.Add($"dl/{source.File} (already there): hash {actual}, expected {source.ExpectedHash}");
        }

        foreach (var (where, fetch) in Attempts(source))
        {
            var temporary = Path.Combine(downloadDirectory, $".{source.File}.{Environment.ProcessId}.{Guid.NewGuid():N}.part");
            try
            {
                fetch(temporary);
                var actual = SourceHash.Of(temporary, source.ExpectedHash);
                if (!SourceHash.Matches(actual, source.ExpectedHash))
                {
                    problems.Add($"{where}: hash {actual}, expected {source.ExpectedHash}");
                    continue;
                }
                File.Move(temporary, final, overwrite: true);
                return final;
            }
            catch (Exception e) when (e is IOException or HttpRequestException or TaskCanceledException or UserError or UnauthorizedAccessException)
            {
                problems.Add($"{where}: {e.Message.Split('\n')[0]}");
            }
            finally
            {
                File.Delete(temporary);
            }
        }
        if (problems.Count == 0) problems.Add("no mirror and no URL to try");
        // A wrong file found under the final name goes too: what is left there must be right.
        if (File.Exists(final)) File.Delete(final);
        throw new UserError($"{package}: cannot download {source.File}:\n  " + string.Join("\n  ", problems));
    }

    private IEnumerable<(string Where, Action<string> Fetch)> Attempts(SourceSpec source)
    {
        foreach (var mirror in mirrors)
        {
            if (mirror.Contains("://", StringComparison.Ordinal))
                yield return (mirror + "/" + source.File, t => Get(mirror.TrimEnd('/') + "/" + source.File, t, source.File));
            else
                yield return (Path.Combine(mirror, source.File), t => CopyLocal(Path.Combine(mirror, source.File), t));
        }
        if (source.IsGit)
        {
            foreach (var url in source.Urls)
                yield return (url + " (git)", t => GitArchiver.Pack(source, url, t));
            yield break;
        }
        foreach (var declared in source.Urls)
            foreach (var url in UrlShortcuts.Expand(declared))
            {
                var full = source.UrlFile.Length > 0 ? url.TrimEnd('/') + "/" + source.UrlFile
                    : declared.EndsWith("/" + source.File, StringComparison.Ordinal) ? url : url.TrimEnd('/') + "/" + source.File;
                yield return (full, t => Get(full, t, source.File));
            }
    }

    private static void CopyLocal(string path, string temporary)
    {
        if (path.StartsWith("file://", StringComparison.Ordinal)) path = path["file://".Length..];
        if (!File.Exists(path)) throw new IOException("not there");
        File.Copy(path, temporary, overwrite: true);
    }

    private void Get(string url, string temporary, string file)
    {
        if (url.StartsWith("file://", StringComparison.Ordinal))
        {
            CopyLocal(url, temporary);
            return;
        }
        if (!url.StartsWith("http://", StringComparison.Ordinal) && !url.StartsWith("https://", StringComparison.Ordinal))
        {
            GetWithCurl(url, temporary);
            return;
        }
        using var response = Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        var total = response.Content.Headers.ContentLength;
        using var input = response.Content.ReadAsStream();
        using var output = File.Create(temporary);
        var buffer = new byte[1 << 16];
        long bytes = 0;
        int read;
        while ((read = input.Read(buffer)) > 0)
        {
            output.Write(buffer, 0, read);
            // A line per MiB is enough to show that a large file is coming.
            if ((bytes >> 20) != ((bytes + read) >> 20)) progress?.Report(new DownloadProgress(file, bytes + read, total));
            bytes += read;
        }
    }

    /// <summary>Other schemes (ftp://, as some PKG_SOURCE_URLs have) through curl, as OpenWrt's download.pl fetches them.</summary>
    private static void GetWithCurl(string url, string temporary)
    {
        var result = Curl.Run(["--fail", "--silent", "--show-error", "--location", "--connect-timeout", "30", "--output", temporary, url]);
        if (!result.Succeeded) throw new IOException(result.StandardError.Trim() is { Length: > 0 } reason ? reason : $"curl: exit status {result.ExitCode}");
    }
}
