using Kiln.Lint.Findings;
using Kiln.Lint.Packages;
using Kiln.Lint.Rules;

namespace Kiln.Lint.Checks;

/// <summary>
/// Downloads are verified (PKG_HASH, PKG_MIRROR_HASH), fetched over https where the host serves
/// it, from at most five places, and a release tarball is used where one plainly exists.
/// </summary>
public sealed class SourcesCheck : IPackageCheck
{
    private const int MaxUrls = 5;

    /// <summary>Hosts known to serve the same files over https (a lint cannot ask the network).</summary>
    private static readonly string[] HttpsHosts =
    [
        "github.com", "codeload.github.com", "gitlab.com", "bitbucket.org", "sourceforge.net", "sf.net", "kernel.org",
        "gnu.org", "savannah.gnu.org", "savannah.nongnu.org", "nongnu.org", "gnome.org", "freedesktop.org", "debian.org",
        "openwrt.org", "pythonhosted.org", "pypi.org", "cpan.org", "metacpan.org", "apache.org", "mozilla.org",
        "sqlite.org", "openssl.org", "isc.org", "samba.org", "tcpdump.org", "netfilter.org", "xiph.org", "videolan.org",
        "php.net", "ruby-lang.org", "python.org", "golang.org", "go.dev", "crates.io", "npmjs.org", "gitee.com",
        "codeberg.org", "sr.ht", "googlesource.com", "infradead.org", "zlib.net", "curl.se", "haxx.se",
    ];

    public IEnumerable<Finding> Check(LintedPackage package)
    {
        var findings = new List<Finding>();
        var kind = package.SourceKind();
        if (kind == SourceKind.None) return findings;
        var urls = (package.Variable("PKG_SOURCE_URL") ?? "").Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var urlLocation = package.Where("PKG_SOURCE_URL");
        if (kind == SourceKind.Download)
        {
            var hash = package.Variable("PKG_HASH")?.Trim() ?? "";
            if (!SourceKinds.IsSha256(hash) && !(hash.Length == 0 && SetsElsewhere(package, "PKG_HASH")))
                findings.Add(new Finding(LintRules.HashMissing, package.Where("PKG_HASH"),
                    hash.Length == 0 ? $"{package.Variable("PKG_SOURCE")!.Trim()} is downloaded without PKG_HASH: add its SHA-256 (make ... FIXUP=1 or sha256sum)"
                    : $"PKG_HASH is '{hash}', not a SHA-256: the download is not verified"));
        }
        else
        {
            CheckCheckout(package, urls, urlLocation, findings);
        }
        if (urls.Length > MaxUrls)
            findings.Add(new Finding(LintRules.TooManyUrls, urlLocation, $"PKG_SOURCE_URL lists {urls.Length} locations; keep the best {MaxUrls} (OpenWrt's mirrors are tried after them)"));
        if (kind == SourceKind.Download)
            foreach (var url in urls)
                if (url.StartsWith("http://", StringComparison.Ordinal) && ServesHttps(SourceKinds.HostOf(url)))
                    findings.Add(new Finding(LintRules.PlainHttp, urlLocation, $"{url} is fetched over plain http; {SourceKinds.HostOf(url)} serves https"));
        return findings;
    }

    private static void CheckCheckout(LintedPackage package, string[] urls, Core.Errors.SourceLocation urlLocation, List<Finding> findings)
    {
        var protocol = package.Variable("PKG_SOURCE_PROTO")!.Trim();
        var mirrorHash = package.Variable("PKG_MIRROR_HASH")?.Trim() ?? "";
        if (!SourceKinds.IsSha256(mirrorHash) && !(mirrorHash.Length == 0 && SetsElsewhere(package, "PKG_MIRROR_HASH")))
            findings.Add(new Finding(LintRules.MirrorHashMissing, package.Where("PKG_MIRROR_HASH"),
                mirrorHash.Length == 0 ? $"the {protocol} checkout is packed without PKG_MIRROR_HASH: add the SHA-256 of the packed tarball (make ... MIRROR_HASH=... or FIXUP=1)"
                : $"PKG_MIRROR_HASH is '{mirrorHash}', not a SHA-256: the packed checkout is not verified"));
        if (protocol != "git") return;
        foreach (var url in urls)
            if (url.StartsWith("http://", StringComparison.Ordinal) || url.StartsWith("git://", StringComparison.Ordinal))
                findings.Add(new Finding(LintRules.InsecureGit, urlLocation, $"{url} is cloned without TLS: use https://"));
        if (package.ReleaseTarballHost() is { } host)
            findings.Add(new Finding(LintRules.ScmSource, urlLocation,
                $"release {package.Variable("PKG_VERSION")!.Trim()} is cloned at tag {package.Variable("PKG_SOURCE_VERSION")!.Trim()}; {host} serves that tag as a tarball: download it (PKG_SOURCE_URL of the archive, PKG_HASH) instead of cloning"));
    }

    /// <summary>
    /// The Makefile sets <paramref name="variable"/> in a branch the lint did not take (a version
    /// chosen by the .config, as gcc's): the hash is there for the versions that are built.
    /// </summary>
    private static bool SetsElsewhere(LintedPackage package, string variable) =>
        package.Lines.Of(package.Makefile).Any(l => l.TrimStart().StartsWith(variable, StringComparison.Ordinal));

    private static bool ServesHttps(string host)
    {
        foreach (var known in HttpsHosts)
            if (host == known || host.EndsWith("." + known, StringComparison.Ordinal)) return true;
        return false;
    }
}
