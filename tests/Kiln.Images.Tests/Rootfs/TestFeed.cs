using System.Diagnostics;
using System.Text;
using Kiln.Images.Rootfs;
using Kiln.Packing.Feeds;
using Kiln.Packing.Ipk;

namespace Kiln.Images.Tests.Rootfs;

/// <summary>A package to build for a test: control fields, files, links and scripts.</summary>
public sealed record TestPackage(string Name, string Version = "1.0-r1", string Architecture = "all")
{
    public string? Depends { get; init; }
    public string? Provides { get; init; }
    public string? Conflicts { get; init; }

    /// <summary>Other control fields (Require-User, ABIVersion, Alternatives, Essential, Status), before Architecture.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

    /// <summary>Files by path in the root ("etc/config/greeter") and content; mode 644 unless listed in <see cref="Executables"/>.</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();
    public IReadOnlyCollection<string> Executables { get; init; } = [];
    public IReadOnlyDictionary<string, string> Links { get; init; } = new Dictionary<string, string>();
    public IReadOnlyCollection<string> Directories { get; init; } = [];

    /// <summary>conffiles, postinst, preinst, prerm, postrm, as IpkWriter takes them.</summary>
    public IReadOnlyDictionary<string, string> Scripts { get; init; } = new Dictionary<string, string>();

    public string ControlText()
    {
        var text = new StringBuilder($"Package: {Name}\nVersion: {Version}\n");
        if (Depends is not null) text.Append($"Depends: {Depends}\n");
        if (Provides is not null) text.Append($"Provides: {Provides}\n");
        if (Conflicts is not null) text.Append($"Conflicts: {Conflicts}\n");
        foreach (var (field, value) in Fields) text.Append($"{field}: {value}\n");
        text.Append($"Architecture: {Architecture}\nDescription:  {Name} for a test\n");
        return text.ToString();
    }
}

/// <summary>A temporary directory with feed directories of real .ipk files (made by IpkWriter) and roots to install into.</summary>
public sealed class TestFeed : IDisposable
{
    public const long Epoch = 1_700_000_000;
    private const UnixFileMode Directory755 = (UnixFileMode)0b111_101_101;

    public TestFeed()
    {
        Base = Path.Combine(Path.GetTempPath(), "kiln-images-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Base);
    }

    public string Base { get; }

    public string In(string relative) => Path.Combine(Base, relative);

    /// <summary>The directory packages go to unless a test names another.</summary>
    public string Feed => In("feed");

    /// <summary>Builds the package's .ipk into the feed directory; returns its path.</summary>
    public string Add(TestPackage package, string? feed = null)
    {
        var install = In($"install/{package.Name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(install);
        foreach (var directory in package.Directories) Directory.CreateDirectory(Path.Combine(install, directory));
        foreach (var (path, content) in package.Files)
        {
            var full = Path.Combine(install, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
            File.SetUnixFileMode(full, package.Executables.Contains(path) ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100);
        }
        foreach (var (path, target) in package.Links)
        {
            var full = Path.Combine(install, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.CreateSymbolicLink(full, target);
        }
        foreach (var directory in Directory.EnumerateDirectories(install, "*", SearchOption.AllDirectories).Append(install))
            File.SetUnixFileMode(directory, Directory755);
        var output = Path.Combine(feed ?? Feed, $"{package.Name}_{package.Version}_{package.Architecture}.ipk");
        IpkWriter.Write(install, ControlFile.Parse(package.ControlText()), package.Scripts, DateTimeOffset.FromUnixTimeSeconds(Epoch), output);
        return output;
    }

    public void AddAll(params TestPackage[] packages)
    {
        foreach (var package in packages) Add(package);
    }

    /// <summary>Writes the feed directory's Packages index, as Kiln's build does.</summary>
    public void Index(string? feed = null) => FeedIndex.Write(feed ?? Feed, null);

    public PackageFeed Read(string architecture = "x86_64") => PackageFeed.Read([Feed], architecture);

    public InstallPlan Plan(string packages, string architecture = "x86_64")
    {
        var selection = PackageSelection.Parse(packages, "--packages");
        return InstallPlanner.Resolve(Read(architecture), selection.Installs, selection.Removals);
    }

    /// <summary>Plans and installs into a new root under the temporary directory.</summary>
    /// <param name="files">Image Builder's FILES= directory copied over the root, or null.</param>
    public (string Root, RootfsResult Result) Install(string packages, string root = "root", bool keepUserFlag = false, string? files = null)
    {
        var path = In(root);
        var options = new RootfsOptions(Epoch) { LogPath = In(root + ".log"), KeepUserFlag = keepUserFlag, FilesOverlay = files };
        var result = RootfsInstaller.Install(Plan(packages), path, options);
        return (path, result);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Base, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// A minimal stand-in for base-files' /lib/functions.sh: default_postinst runs the package's
    /// postinst-pkg (what IpkWriter's default postinst calls), keeping its exit status.
    /// </summary>
    public const string FunctionsSh = """
        default_postinst() {
        	local root="${IPKG_INSTROOT}"
        	local pkgname="$(basename ${1%.*})"
        	local ret=0
        	if [ -f "$root/usr/lib/opkg/info/${pkgname}.postinst-pkg" ]; then
        		( . "$root/usr/lib/opkg/info/${pkgname}.postinst-pkg" )
        		ret=$?
        	fi
        	return $ret
        }

        """;

    public static TestPackage BaseFiles => new("base-files")
    {
        Files = new Dictionary<string, string>
        {
            ["lib/functions.sh"] = FunctionsSh,
            ["etc/passwd"] = "root:x:0:0:root:/root:/bin/ash\nnetwork:x:101:101:network:/var:/bin/false\n",
            ["etc/group"] = "root:x:0:\nnetwork:x:101:\n",
            ["etc/shadow"] = "root:::0:99999:7:::\n",
        },
        Links = new Dictionary<string, string> { ["var"] = "tmp" },
        Directories = ["tmp"],
    };

    /// <summary>Runs a host tool that must succeed, returning its output.</summary>
    public static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: exit {process.ExitCode}: {error.Result}");
        return output;
    }
}
