using Kiln.Core.Processes;
using Kiln.Packages.Model;
using Kiln.Packages.Scanning;
using Kiln.Packing.Archives;
using Kiln.Packing.Ipk;

namespace Kiln.Lint.Tests.Built;

/// <summary>
/// A copy of Fixtures/built with what its build would leave: libraries and programs compiled by
/// the host's gcc and packed with the .ipk writer into bin/packages/ARCH/base (the toolchain's
/// libc in bin/targets, as the build puts it), and the source archives of the packages with
/// patches in dl/.
/// </summary>
public sealed class BuiltTreeFixture : IDisposable
{
    public const string Architecture = "x86_64";

    private static readonly HostProgram Gcc = new("gcc", "gcc");

    private readonly string _work;

    public BuiltTreeFixture()
    {
        Top = Directory.CreateTempSubdirectory("kiln-lint-built-").FullName;
        _work = Path.Combine(Top, "build_dir");
        try
        {
            Build();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    private void Build()
    {
        Directory.CreateDirectory(_work);
        Copy(Path.Combine(Fixtures.Root, "built", "package"), Path.Combine(Top, "package"));
        var sources = TreePackages.Read(Top, directory => new ScanOptions(Top, directory)).Sources;

        var clean = Library("clean", "libclean.so.1", "1.0.0");
        var extra = Library("extra", "libextra.so.1", "1.0.0");
        var noabi = Library("noabi", "libnoabi.so.2", "2.0.0");
        var wrongabi = Library("wrongabi", "libwrongabi.so.2", "2.0.0");
        var devlink = Library("devlink", "libdevlink.so.1", "1.0.0");
        var copied = Library("copied", "libcopied.so.1", "1.0.0");
        var install = new Dictionary<string, Action<string>>
        {
            ["libclean"] = root => Links(root, "usr/lib", clean, "libclean.so.1"),
            ["clean-app"] = root => Program(root, "clean-app", clean),
            ["libextra"] = root => Links(root, "usr/lib", extra, "libextra.so.1"),
            ["libnoabi"] = root => Links(root, "usr/lib", noabi, "libnoabi.so.2"),
            ["libwrongabi"] = root => Links(root, "usr/lib", wrongabi, "libwrongabi.so.2"),
            ["libdevlink"] = root => Links(root, "usr/lib", devlink, "libdevlink.so.1", "libdevlink.so"),
            ["libcopied"] = root =>
            {
                Links(root, "usr/lib", copied);
                File.Copy(copied, Path.Combine(root, "usr/lib/libcopied.so.1"));
            },
            ["missing-app"] = root => Program(root, "missing-app", clean, extra),
            ["linked-app"] = root => Program(root, "linked-app", clean, extra),
            ["docs"] = root =>
            {
                Script(root, "docs");
                Write(root, "usr/share/man/man1/docs.1", ".TH DOCS 1\n");
            },
            ["badpatch"] = root => Script(root, "badpatch"),
            ["fuzzpatch"] = root => Script(root, "fuzzpatch"),
        };
        var binaries = sources.SelectMany(s => s.Packages).ToDictionary(p => p.Name);
        foreach (var source in sources)
            foreach (var binary in source.Packages)
            {
                if (!install.TryGetValue(binary.Name, out var installs)) continue; // package/utils/unbuilt
                var root = Path.Combine(_work, "root-" + binary.Name);
                Directory.CreateDirectory(root);
                installs(root);
                // As the build writes Depends: each package by its installed name (libc, which the API adds, is the toolchain's).
                var depends = string.Join(", ", binary.ParsedDepends.Where(d => d.Package is not null)
                    .Select(d => binaries.TryGetValue(d.Package!, out var package) ? package.InstalledName : d.Package!).Distinct());
                var provides = binary.InstalledName != binary.Name ? $"Provides: {binary.Name}\n" : "";
                Pack(root, $"Package: {binary.InstalledName}\nVersion: {binary.Version}\nDepends: {depends}\n{provides}Source: {source.Directory}\n" +
                    $"SourceName: {source.Name}\nArchitecture: {Architecture}\n", Path.Combine(Top, "bin/packages", Architecture, "base"));
            }

        var libc = Path.Combine(_work, "root-libc");
        Links(libc, "lib", Library("c", "libc.so.6", "6"));
        Pack(libc, $"Package: libc\nVersion: 2.36\nSourceName: toolchain\nArchitecture: {Architecture}\n", Path.Combine(Top, "bin/targets/x86/64/packages"));

        foreach (var name in new[] { "clean", "badpatch", "fuzzpatch" }) SourceArchive(name);
    }

    /// <summary>The tree, absolute.</summary>
    public string Top { get; }

    public void Dispose() => Directory.Delete(Top, recursive: true);

    /// <summary>A library whose one function is called NAME_answer, with its SONAME; its path (libNAME.so.VERSION).</summary>
    private string Library(string name, string soname, string version)
    {
        var c = Path.Combine(_work, name + ".c");
        File.WriteAllText(c, $"int {name}_answer(void) {{ return 42; }}\n");
        var output = Path.Combine(_work, $"lib{name}.so.{version}");
        Gcc.Run(["-shared", "-fPIC", "-Wl,-soname," + soname, "-o", output, c]).EnsureSucceeded();
        return output;
    }

    /// <summary>A program in usr/bin that calls each library's function (so that it needs each).</summary>
    private void Program(string root, string name, params string[] libraries)
    {
        var functions = libraries.Select(l => Path.GetFileName(l)[3..Path.GetFileName(l).IndexOf('.')] + "_answer").ToList();
        var c = Path.Combine(_work, name + ".c");
        File.WriteAllText(c, string.Concat(functions.Select(f => $"int {f}(void);\n")) +
            $"int main(void) {{ return {string.Join(" + ", functions.Select(f => f + "()"))}; }}\n");
        Directory.CreateDirectory(Path.Combine(root, "usr/bin"));
        Gcc.Run(["-o", Path.Combine(root, "usr/bin", name), c, .. libraries]).EnsureSucceeded();
    }

    /// <summary>The library in <paramref name="directory"/>, and links to it there.</summary>
    private static void Links(string root, string directory, string library, params string[] links)
    {
        directory = Path.Combine(root, directory);
        Directory.CreateDirectory(directory);
        File.Copy(library, Path.Combine(directory, Path.GetFileName(library)));
        foreach (var link in links) File.CreateSymbolicLink(Path.Combine(directory, link), Path.GetFileName(library));
    }

    private static void Script(string root, string name)
    {
        Write(root, "usr/bin/" + name, "#!/bin/sh\necho " + name + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(root, "usr/bin", name), (UnixFileMode)0b111_101_101);
    }

    private static void Write(string root, string path, string text)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private static void Pack(string root, string control, string directory)
    {
        Directory.CreateDirectory(directory);
        var parsed = ControlFile.Parse(control + "Description: a fixture\n");
        IpkWriter.Write(root, parsed, new Dictionary<string, string>(), DateTimeOffset.UnixEpoch,
            Path.Combine(directory, $"{parsed["Package"]}_{parsed["Version"]}_{Architecture}.ipk"));
    }

    /// <summary>dl/NAME-1.0.tar.gz: NAME-1.0/greeting.txt, what the patches of the fixtures change.</summary>
    private void SourceArchive(string name)
    {
        var greeting = File.ReadAllBytes(Path.Combine(Fixtures.Root, "built", "sources", "greeting.txt"));
        var archive = TarGz.Write(
        [
            new TarGz.Entry($"{name}-1.0/", (UnixFileMode)0b111_101_101, null),
            new TarGz.Entry($"{name}-1.0/greeting.txt", (UnixFileMode)0b110_100_100, greeting),
        ], DateTimeOffset.UnixEpoch);
        Directory.CreateDirectory(Path.Combine(Top, "dl"));
        File.WriteAllBytes(Path.Combine(Top, "dl", $"{name}-1.0.tar.gz"), archive);
    }

    private static void Copy(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
