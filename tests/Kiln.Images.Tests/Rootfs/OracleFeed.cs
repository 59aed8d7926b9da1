using System.Text;
using Kiln.OpenWrt.Configuration;
using Kiln.Packages.Feeds;
using Kiln.Packages.Model;

namespace Kiln.Images.Tests.Rootfs;

/// <summary>
/// OpenWrt 24.10's real feeds, indexed as a build for ath79/generic (mips_24kc) would index them:
/// one Packages index per feed (<c>base</c>: the OpenWrt tree's package/; <c>packages</c>: the
/// packages feed), written from OpenWrt's own metadata dumps (../shared/oracle/*.packageinfo) read
/// with Kiln's package model. Each package the ath79 .config (the oracle's) lets build gets a
/// stanza: its installed (ABI-suffixed) name, version, Depends as Kiln's packer resolves them
/// (<see cref="PackageIndex.InstalledDependencies(BinaryPackage, Func{Dependency, bool})"/>: conditions
/// with the .config, every package taken as built, as the buildbots build them all), Conflicts,
/// Provides and ABIVersion as package-pack.mk writes them. Used by the real-feed tests and by
/// bench/solver.sh.
/// </summary>
public static class OracleFeed
{
    public const string Architecture = "mips_24kc";
    public const string Target = "ath79/generic";
    public const string Profile = "tplink_archer-c7-v2";

    /// <summary>Requests people make of an ath79 image (base and packages feeds: the oracle has no luci feed), one --packages list each.</summary>
    public static readonly string[] Requests =
    [
        "uhttpd", "curl", "tcpdump", "wireguard-tools kmod-wireguard", "openvpn-openssl", "collectd collectd-mod-cpu", "adblock", "nginx-ssl",
        "samba4-server", "python3", "-dnsmasq dnsmasq-full", "-wpad-basic-mbedtls wpad-openssl", "kmod-usb-storage block-mount", "mwan3",
        "ddns-scripts", "banip", "zerotier", "strongswan-default", "vim-full", "wget-ssl",
    ];

    /// <summary>The oracle beside the repository (../shared/oracle), where CI and development machines have it.</summary>
    public static string OracleDirectory(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Kiln.sln")))
                return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "oracle"));
        throw new InvalidOperationException("no Kiln.sln above " + start);
    }

    /// <summary>Writes DIRECTORY/base/Packages and DIRECTORY/packages/Packages; returns the two feed directories.</summary>
    public static IReadOnlyList<string> Write(string oracle, string directory)
    {
        // FeedMetadata reads a feed's metadata from TOP/feeds/NAME.index, which is a .packageinfo file.
        var top = Path.Combine(directory, "top");
        Directory.CreateDirectory(Path.Combine(top, "feeds"));
        var feeds = new List<(string Name, IReadOnlyList<SourcePackage> Sources)>();
        foreach (var name in new[] { "base", "packages" })
        {
            File.Copy(Path.Combine(oracle, name + ".packageinfo"), FeedMetadata.IndexPath(top, name), overwrite: true);
            feeds.Add((name, FeedMetadata.Read(top, name)!.Sources));
        }
        var index = new PackageIndex(feeds.SelectMany(f => f.Sources));
        var config = DotConfig.Read(Path.Combine(oracle, "images", "ath79-generic.config"));
        bool Enabled(string symbol) => config.IsEnabled(symbol) ||
            (symbol.StartsWith("PACKAGE_", StringComparison.Ordinal) && index.Find(symbol["PACKAGE_".Length..]) is not null);

        var built = Built(feeds.SelectMany(f => f.Sources).SelectMany(s => s.Packages), index, Enabled);
        var directories = new List<string>();
        foreach (var (name, sources) in feeds)
        {
            var text = new StringBuilder();
            foreach (var package in sources.SelectMany(s => s.Packages))
                if (built.Contains(package)) Stanza(text, package, index, Enabled);
            var feed = Path.Combine(directory, name);
            Directory.CreateDirectory(feed);
            File.WriteAllText(Path.Combine(feed, "Packages"), text.ToString());
            directories.Add(feed);
        }
        return directories;
    }

    /// <summary>
    /// The packages a build of every package for the target packs: those that can build
    /// (<see cref="Builds"/>), less, until none is left, those that need a package no other built
    /// one is or provides (Kconfig's dependencies keep them from being selected).
    /// </summary>
    private static HashSet<BinaryPackage> Built(IEnumerable<BinaryPackage> packages, PackageIndex index, Func<string, bool> enabled)
    {
        var built = packages.Where(p => Builds(p, enabled)).ToHashSet();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var changed = true; changed;)
        {
            names.Clear();
            foreach (var package in built)
            {
                names.Add(package.Name);
                foreach (var provided in Words(package.Field("Provides"))) names.Add(provided);
            }
            changed = built.RemoveWhere(p => p.ParsedDepends.Any(d => d.Package is { } needed && d.Holds(enabled) && !names.Contains(needed))) > 0;
        }
        return built;
    }

    /// <summary>An ipkg package, not build-only, whose @ conditions hold for the target.</summary>
    private static bool Builds(BinaryPackage package, Func<string, bool> enabled)
    {
        if (package.BuildOnly || !(package.Field("Type") ?? "").Contains("ipkg", StringComparison.Ordinal)) return false;
        foreach (var dependency in package.ParsedDepends)
            if (dependency.Kind == DependencyKind.Condition && dependency.Expression?.IsTrue(enabled) != true) return false;
        return true;
    }

    private static void Stanza(StringBuilder text, BinaryPackage package, PackageIndex index, Func<string, bool> enabled)
    {
        var installed = package.InstalledName;
        text.Append("Package: ").Append(installed).Append('\n');
        text.Append("Version: ").Append(package.Version).Append('\n');
        var depends = index.InstalledDependencies(package, d => d.Holds(enabled));
        if (depends.Count > 0) text.Append("Depends: ").Append(string.Join(", ", depends)).Append('\n');
        var conflicts = Words(package.Field("Conflicts"));
        if (conflicts.Count > 0) text.Append("Conflicts: ").Append(string.Join(", ", conflicts)).Append('\n');
        // package-pack.mk: PROVIDES, and with an ABI version the plain name and each provided name with the suffix; never the package's own name.
        var provides = Words(package.Field("Provides"));
        var abi = package.AbiVersion;
        var all = new List<string>(provides);
        if (abi.Length > 0)
        {
            all.Add(package.Name);
            all.AddRange(provides.Select(p => BinaryPackage.InstalledNameOf(p, abi)));
        }
        all.RemoveAll(p => p == installed);
        if (all.Count > 0) text.Append("Provides: ").Append(string.Join(", ", all)).Append('\n');
        if (abi.Length > 0) text.Append("ABIVersion: ").Append(abi).Append('\n');
        text.Append("Architecture: ").Append(Architecture).Append('\n');
        text.Append("Filename: ").Append($"{installed}_{package.Version}_{Architecture}.ipk").Append("\n\n");
    }

    private static List<string> Words(string? field) => (field ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
}
