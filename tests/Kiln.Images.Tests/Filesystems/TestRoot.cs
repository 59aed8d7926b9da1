using System.Diagnostics;
using System.Runtime.Versioning;

namespace Kiln.Images.Tests.Filesystems;

/// <summary>
/// A small staged root in a temporary directory, as packages install one: directories, a text
/// file, an executable, a set-user-id program, a symlink, an empty directory and a file large
/// enough to span several compression blocks, every entry dated <see cref="Epoch"/>. Images are
/// written into <see cref="Output"/> beside it; everything goes when disposed.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class TestRoot : IDisposable
{
    public const long Epoch = 1_700_000_000;
    public const string EpochDate = "2023-11-14";
    public const string Banner = "OpenWrt, made by Kiln\n";
    public const string Tool = "#!/bin/sh\necho tool\n";

    public TestRoot()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("kiln-images-").FullName;
        Root = Path.Combine(Directory, "root");
        Output = Path.Combine(Directory, "out");
        System.IO.Directory.CreateDirectory(Output);
        Populate(Root);
    }

    public string Directory { get; }

    public string Root { get; }

    public string Output { get; }

    public string Log => Path.Combine(Output, "image.log");

    /// <summary>The 300 kB file's bytes: the same in every root.</summary>
    public static byte[] Blob { get; } = MakeBlob();

    /// <summary>The root's entries as <c>find . | sort</c> would print them with their type, except ".": what every image must hold.</summary>
    public static readonly string[] Paths =
    [
        "bin", "bin/link", "bin/tool", "etc", "etc/banner", "etc/config", "etc/config/network", "tmp", "usr", "usr/lib",
        "usr/lib/blob", "usr/sbin", "usr/sbin/suid",
    ];

    /// <summary>Makes the staged root at <paramref name="root"/> (also used for a second copy, staged at another moment).</summary>
    public static void Populate(string root)
    {
        foreach (var directory in new[] { "bin", "etc/config", "tmp", "usr/lib", "usr/sbin" })
            System.IO.Directory.CreateDirectory(Path.Combine(root, directory));
        File.WriteAllText(Path.Combine(root, "etc/banner"), Banner);
        File.WriteAllText(Path.Combine(root, "etc/config/network"), "config interface 'loopback'\n\toption device 'lo'\n");
        File.WriteAllText(Path.Combine(root, "bin/tool"), Tool);
        File.SetUnixFileMode(Path.Combine(root, "bin/tool"), (UnixFileMode)0b111_101_101);
        File.WriteAllBytes(Path.Combine(root, "usr/lib/blob"), Blob);
        File.WriteAllText(Path.Combine(root, "usr/sbin/suid"), "suid\n");
        File.SetUnixFileMode(Path.Combine(root, "usr/sbin/suid"), UnixFileMode.SetUser | (UnixFileMode)0b111_101_101);
        File.CreateSymbolicLink(Path.Combine(root, "bin/link"), "../etc/banner");
        // Modes set outright, whatever the umask of the test run.
        foreach (var file in new[] { "etc/banner", "etc/config/network", "usr/lib/blob" })
            File.SetUnixFileMode(Path.Combine(root, file), (UnixFileMode)0b110_100_100);
        foreach (var directory in new[] { ".", "bin", "etc", "etc/config", "tmp", "usr", "usr/lib", "usr/sbin" })
            File.SetUnixFileMode(Path.Combine(root, directory), (UnixFileMode)0b111_101_101);
        // Staging leaves every file at the epoch; the symlink's own time is the one thing a
        // program cannot set without following it, so it is left as it is.
        foreach (var path in System.IO.Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
            if (new FileInfo(path).LinkTarget is null) File.SetLastWriteTimeUtc(path, DateTime.UnixEpoch.AddSeconds(Epoch));
        System.IO.Directory.SetLastWriteTimeUtc(root, DateTime.UnixEpoch.AddSeconds(Epoch));
    }

    /// <summary>A second staging of the same root, somewhere else and later: other inodes, change and access times.</summary>
    public string StageAgain(string name)
    {
        var again = Path.Combine(Directory, name);
        Populate(again);
        return again;
    }

    /// <summary>Runs a host program for a check, returning its standard output; a failure fails the test with what it printed.</summary>
    public static string Run(string program, params string[] arguments) => RunIn(null, program, arguments);

    public static string RunIn(string? directory, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (directory is not null) start.WorkingDirectory = directory;
        start.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        start.Environment["LC_ALL"] = "C";
        start.Environment["TZ"] = "UTC";
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output}{errors.Result}");
        return output;
    }

    /// <summary>Checks that <paramref name="extracted"/> holds the root's files with their contents and modes.</summary>
    public static void AssertSameFiles(string extracted)
    {
        Assert.Equal(Banner, File.ReadAllText(Path.Combine(extracted, "etc/banner")));
        Assert.Equal(Tool, File.ReadAllText(Path.Combine(extracted, "bin/tool")));
        Assert.Equal(Blob, File.ReadAllBytes(Path.Combine(extracted, "usr/lib/blob")));
        Assert.Equal("../etc/banner", new FileInfo(Path.Combine(extracted, "bin/link")).LinkTarget);
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(Path.Combine(extracted, "bin/tool")));
        Assert.Equal((UnixFileMode)0b110_100_100, File.GetUnixFileMode(Path.Combine(extracted, "etc/banner")));
        Assert.True(System.IO.Directory.Exists(Path.Combine(extracted, "tmp")));
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static byte[] MakeBlob()
    {
        // Half random, half repetitive: compressible, but not to nothing.
        var bytes = new byte[300_000];
        new Random(42).NextBytes(bytes.AsSpan(0, 150_000));
        for (var i = 150_000; i < bytes.Length; i++) bytes[i] = (byte)(i % 7);
        return bytes;
    }
}
