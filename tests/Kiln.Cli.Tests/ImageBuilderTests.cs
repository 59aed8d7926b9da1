using System.IO.Compression;
using System.Net;
using System.Net.Sockets;

namespace Kiln.Cli.Tests;

/// <summary>
/// <c>kiln imagebuilder export</c> on the built example tree, and <c>kiln image</c> in what it wrote: without compilers on PATH,
/// the images are those of the tree; feeds over http are verified with the exported key, and a tampered index or package is refused.
/// </summary>
public sealed partial class FirmwareTests
{
    private KilnRun Export(string directory, string target = FirmwareTrees.Malta) =>
        Kiln(["imagebuilder", "export", "--target", target, "--kernel", FirmwareTrees.Kernel(target), directory]);

    private KilnRun ImageIn(string builder, IReadOnlyDictionary<string, string>? environment = null, string target = FirmwareTrees.Malta) =>
        KilnProcess.Run(trees.Scratch.Root, ["--topdir", builder, "image", "--target", target], TimeSpan.FromMinutes(2), environment);

    private string ExportFresh(string name, string target = FirmwareTrees.Malta)
    {
        var builder = trees.Scratch.Path(name);
        var export = Export(builder, target);
        Assert.True(export.Status == 0, export.ToString());
        return builder;
    }

    [Theory]
    [InlineData(FirmwareTrees.Malta, "mipsel_24kc", "malta_le")]
    [InlineData(FirmwareTrees.Pc, "x86_64", "pc_generic")]
    public void AnExportedImageBuilderMakesTheTreesImagesWithoutACompiler(string target, string architecture, string targetFeed)
    {
        var builder = ExportFresh("ib-local-" + targetFeed, target);
        // What it holds: nothing to compile, the feeds with their signed indexes, the build key under its fingerprint.
        Assert.False(Directory.Exists(Path.Combine(builder, "package")));
        Assert.DoesNotContain(Directory.GetFiles(builder, "Makefile", SearchOption.AllDirectories),
            m => !m.StartsWith(Path.Combine(builder, "target", "linux") + "/", StringComparison.Ordinal));
        Assert.Equal([$"src/gz base bin/packages/{architecture}/base", $"src/gz {targetFeed} bin/targets/{target}/packages"],
            File.ReadAllLines(Path.Combine(builder, "repositories.conf")).Where(l => !l.StartsWith('#')));
        var fingerprint = File.ReadAllText(Path.Combine(Top, "key-build.pub")).Split(' ', '\n')[4];
        Assert.Equal(File.ReadAllText(Path.Combine(Top, "key-build.pub")), File.ReadAllText(Path.Combine(builder, "keys", fingerprint)));
        Assert.True(File.Exists(Path.Combine(builder, "bin", "packages", architecture, "base", "Packages.sig")));

        var tree = Kiln("image", "--target", target, "--kernel", FirmwareTrees.Kernel(target));
        Assert.True(tree.Status == 0, tree.ToString());
        var path = NoCompilerPath();
        Assert.False(File.Exists(Path.Combine(path, "gcc")));
        var image = ImageIn(builder, new Dictionary<string, string> { ["PATH"] = path }, target);
        Assert.True(image.Status == 0, image.ToString());

        var expected = FirmwareTrees.Images(Top, target);
        var actual = FirmwareTrees.Images(builder, target);
        // version.buildinfo is the tree's build's record of itself (kiln build writes it, kiln image does not), so the tree's
        // sha256sums lists it too. Every other file and line is the same.
        string[] differing = ["version.buildinfo"];
        Assert.Equal(SumsWithout(Top, target, differing), SumsWithout(builder, target, differing));
        foreach (var file in differing.Append("sha256sums"))
        {
            expected.Remove(file);
            actual.Remove(file);
        }
        Assert.Equal(expected, actual);
        Assert.Contains(target == FirmwareTrees.Pc ? "openwrt-pc-generic-rootfs-squashfs.img.gz" : "openwrt-malta-le-rootfs-squashfs.img.gz", actual.Keys);
    }

    [Fact]
    public void AnHttpFeedIsVerifiedWithTheExportedKeyAndOnlyThePackagesTheImageNeedsAreFetched()
    {
        var builder = ExportFresh("ib-http");
        var served = trees.Scratch.Path("served-ok");
        using var server = ServeFeed(builder, served);
        var image = ImageIn(builder);
        Assert.True(image.Status == 0, image.ToString());
        Assert.Equal(File.ReadAllText(Path.Combine(Top, "bin", "targets", FirmwareTrees.Malta, "openwrt-malta-le.manifest")),
            File.ReadAllText(Path.Combine(builder, "bin", "targets", FirmwareTrees.Malta, "openwrt-malta-le.manifest")));
        // The feed also has packages no image asks for (the spoilers): they stay on the server.
        var fetched = Directory.GetFiles(Path.Combine(builder, "dl", "feeds", "base"), "*.ipk").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        var installed = File.ReadAllLines(Path.Combine(builder, "bin", "targets", FirmwareTrees.Malta, "openwrt-malta-le.manifest"))
            .Select(l => l.Split(" - ")[0]).ToHashSet();
        var offered = Directory.GetFiles(served, "*.ipk").Select(Path.GetFileName).ToList();
        Assert.Equal(offered.Where(f => installed.Contains(f!.Split('_')[0])).Order(StringComparer.Ordinal), fetched);
        Assert.Contains(offered, f => f!.StartsWith("conflict-a_", StringComparison.Ordinal));
    }

    public static TheoryData<string, string> HttpFeedRefusals => new()
    {
        { "a tampered index", "the signature does not match" },
        { "a tampered package", "package greeter" },
        { "no signature", "has no Packages.sig" },
        { "an unknown key", "which is not in" },
    };

    [Theory]
    [MemberData(nameof(HttpFeedRefusals))]
    public void AnHttpFeedThatDoesNotVerifyIsRefusedNamingTheFeed(string what, string message)
    {
        var name = "ib-" + what.Replace(' ', '-');
        var builder = ExportFresh(name);
        var served = trees.Scratch.Path("served-" + name);
        using var server = ServeFeed(builder, served);
        switch (what)
        {
            case "a tampered index":
                var index = File.ReadAllText(Path.Combine(served, "Packages")).Replace("Version: 1\n", "Version: 2\n", StringComparison.Ordinal);
                File.WriteAllText(Path.Combine(served, "Packages"), index);
                using (var gz = new GZipStream(File.Create(Path.Combine(served, "Packages.gz")), CompressionLevel.SmallestSize))
                    gz.Write(System.Text.Encoding.UTF8.GetBytes(index));
                break;
            case "a tampered package":
                File.AppendAllText(Directory.GetFiles(served, "greeter_*.ipk").Single(), "tampered");
                break;
            case "no signature":
                File.Delete(Path.Combine(served, "Packages.sig"));
                break;
            default:
                foreach (var key in Directory.GetFiles(Path.Combine(builder, "keys"))) File.Delete(key);
                break;
        }
        var run = ImageIn(builder);
        Assert.True(run.Status == 2, $"{what}: {run}");
        Assert.Contains($"feed base (http://127.0.0.1:{server.Port}/{Path.GetFileName(served)})", run.Stderr);
        Assert.Contains(message, run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.False(File.Exists(Path.Combine(builder, "bin", "targets", FirmwareTrees.Malta, "openwrt-malta-le.manifest")));
    }

    [Fact]
    public void AnExportThatCannotBeMadeIsOneMessageAndCreatesNothing()
    {
        var full = trees.Scratch.MakeDirectory("ib-full");
        File.WriteAllText(Path.Combine(full, "something"), "there already\n");
        var before = Directory.GetFileSystemEntries(trees.Scratch.Root).Order(StringComparer.Ordinal).ToList();
        var cases = new (string[] Arguments, string Message)[]
        {
            (["imagebuilder", "export", "--target", FirmwareTrees.Malta, "--kernel", FirmwareTrees.Kernel(FirmwareTrees.Malta), full],
                "is not empty"),
            (["imagebuilder", "export", "--target", "demo/small", trees.Scratch.Path("ib-unbuilt")], "demo/small is not built"),
            (["imagebuilder", "export", "--target", FirmwareTrees.Malta, trees.Scratch.Path("no/such/parent/ib")], "does not exist"),
        };
        foreach (var (arguments, message) in cases)
        {
            var run = Kiln(arguments);
            Assert.True(run.Status == 2, run.ToString());
            Assert.Contains(message, run.FirstErrorLine);
            Assert.Single(run.Stderr.Trim().Split('\n'));
            Assert.Equal(before, Directory.GetFileSystemEntries(trees.Scratch.Root).Order(StringComparer.Ordinal).ToList());
        }
        Assert.Equal(["something"], Directory.GetFileSystemEntries(full).Select(Path.GetFileName));

        var builder = ExportFresh("ib-other-target");
        var other = KilnProcess.Run(trees.Scratch.Root, ["--topdir", builder, "image", "--target", FirmwareTrees.Pc], TimeSpan.FromMinutes(1));
        Assert.Equal(2, other.Status);
        Assert.Contains("is an Image Builder for malta/le: it cannot make images of pc/generic", other.Stderr);
        var build = KilnProcess.Run(trees.Scratch.Root, ["--topdir", builder, "build", "--target", FirmwareTrees.Malta], TimeSpan.FromMinutes(1));
        Assert.Equal(2, build.Status);
        Assert.Contains("is an Image Builder for malta/le: it builds no packages", build.Stderr);
    }

    /// <summary>sha256sums' lines, without those of <paramref name="files"/>.</summary>
    private static List<string> SumsWithout(string top, string target, string[] files) =>
        File.ReadAllLines(Path.Combine(top, "bin", "targets", target, "sha256sums")).Where(l => !files.Contains(l[(l.IndexOf(" *", StringComparison.Ordinal) + 2)..])).ToList();

    /// <summary>A directory of links to every program on PATH but the compilers (gcc, cc, the cross compilers and their C++ kin).</summary>
    private string NoCompilerPath()
    {
        var directory = trees.Scratch.Path("no-compilers-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") + ":/usr/sbin:/sbin").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Directory.Exists(folder)) continue;
            foreach (var program in Directory.GetFiles(folder))
            {
                var name = Path.GetFileName(program);
                if (name is "cc" or "c++" or "cpp" || name.Contains("gcc", StringComparison.Ordinal) || name.Contains("g++", StringComparison.Ordinal)
                    || name.EndsWith("-cc", StringComparison.Ordinal) || name.StartsWith("clang", StringComparison.Ordinal)) continue;
                var link = Path.Combine(directory, name);
                if (!File.Exists(link) && new FileInfo(link).LinkTarget is null) File.CreateSymbolicLink(link, program);
            }
        }
        return directory;
    }

    /// <summary>
    /// The Image Builder's architecture feed moved to <paramref name="served"/> and served over http on 127.0.0.1, its
    /// repositories.conf pointing there.
    /// </summary>
    private static FeedServer ServeFeed(string builder, string served)
    {
        Directory.Move(Path.Combine(builder, "bin", "packages", "mipsel_24kc", "base"), served);
        var server = new FeedServer(Path.GetDirectoryName(served)!);
        var conf = Path.Combine(builder, "repositories.conf");
        File.WriteAllText(conf, File.ReadAllText(conf).Replace("src/gz base bin/packages/mipsel_24kc/base",
            $"src/gz base http://127.0.0.1:{server.Port}/{Path.GetFileName(served)}", StringComparison.Ordinal));
        return server;
    }
}

/// <summary>Files of a directory served over http on 127.0.0.1 (a free port), 404 for what is not there.</summary>
public sealed class FeedServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _root;
    private readonly Thread _thread;

    public FeedServer(string root)
    {
        _root = root;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _thread = new Thread(Serve) { IsBackground = true };
        _thread.Start();
    }

    public int Port { get; }

    private void Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = _listener.GetContext();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            var file = Path.Combine([_root, .. context.Request.Url!.AbsolutePath.TrimStart('/').Split('/')]);
            if (File.Exists(file))
            {
                var bytes = File.ReadAllBytes(file);
                context.Response.ContentLength64 = bytes.Length;
                context.Response.OutputStream.Write(bytes);
            }
            else
            {
                context.Response.StatusCode = 404;
            }
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
