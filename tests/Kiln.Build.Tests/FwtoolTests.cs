using System.Diagnostics;
using System.Security.Cryptography;
using Kiln.Build.HostTools;

namespace Kiln.Build.Tests;

/// <summary>
/// Kiln's fwtool (a python3 script, for trees whose package/system/fwtool host build is not made)
/// against OpenWrt's fwtool: known answers the real one gave, and, where the fwtool repository is
/// at hand (<c>KILN_FWTOOL_REPOSITORY</c>, else the mirror this project's machines keep), the real
/// one compiled from it and run side by side.
/// </summary>
public sealed class FwtoolTests : IDisposable
{
    /// <summary>The revision OpenWrt 24.10's package/system/fwtool builds.</summary>
    private const string Revision = "8f7fe925ca205c8e8e2d0d1b16218c1e148d5173";

    /// <summary>What append-metadata pipes into fwtool -I -.</summary>
    private const string Metadata = "{ \"metadata_version\": \"1.1\", \"compat_version\": \"1.0\", \"supported_devices\":[\"kiln,demo\"], " +
        "\"version\": { \"dist\": \"OpenWrt\", \"version\": \"24.10.0\", \"revision\": \"r0\", \"target\": \"demo/small\", \"board\": \"demo\" } }";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "kiln-fwtool", Guid.NewGuid().ToString("N"));

    public FwtoolTests()
    {
        Directory.CreateDirectory(_root);
        HostToolset.Prepare(Path.Combine(_root, "bin"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Fwtool => Path.Combine(_root, "bin", "fwtool");

    private string PathOf(string name) => Path.Combine(_root, name);

    private static byte[] Firmware(int length) => Enumerable.Range(0, length).Select(i => (byte)((i * 7 + 3) % 251)).ToArray();

    private static byte[] Signature() => Enumerable.Range(0, 64).Select(i => (byte)((i * 13 + 5) % 256)).ToArray();

    [Fact]
    public void MetadataAndSignatureTrailersAreThoseOfOpenWrtsFwtool()
    {
        File.WriteAllBytes(PathOf("fw"), Firmware(1000));
        File.WriteAllText(PathOf("meta"), Metadata);
        File.WriteAllBytes(PathOf("sig"), Signature());

        Assert.Equal((0, ""), Builds.Execute(Fwtool, "-I", PathOf("meta"), PathOf("fw")));
        // Magic FWx0, the CRC-32 of everything before it, type 1 (metadata), size: 8 (header) + 204 + 16.
        Assert.Equal("46577830044fd85801000000000000e4", Tail(PathOf("fw")));
        Assert.Equal((0, ""), Builds.Execute(Fwtool, "-S", PathOf("sig"), PathOf("fw")));
        Assert.Equal("4657783048db02db0000000000000050", Tail(PathOf("fw")));
        Assert.Equal("a2b1e98348fbabdce5aa0f8ff956c1a7e489707ee7d6aa2cf601cb2df4600234",
            Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(PathOf("fw")))));

        // The metadata is found behind the signature; -t takes each off again.
        Assert.Equal((0, ""), Builds.Execute(Fwtool, "-i", PathOf("meta.out"), PathOf("fw")));
        Assert.Equal(Metadata, File.ReadAllText(PathOf("meta.out")));
        Assert.Equal((0, ""), Builds.Execute(Fwtool, "-t", "-s", PathOf("sig.out"), PathOf("fw")));
        Assert.Equal(Signature(), File.ReadAllBytes(PathOf("sig.out")));
        Assert.Equal((0, ""), Builds.Execute(Fwtool, "-t", "-i", PathOf("meta.out"), PathOf("fw")));
        Assert.Equal(Firmware(1000), File.ReadAllBytes(PathOf("fw")));

        Assert.Equal((1, "Data not found\n"), Builds.Execute(Fwtool, "-i", PathOf("meta.out"), PathOf("fw")));
        var (status, output) = Builds.Execute(Fwtool);
        Assert.Equal(1, status);
        Assert.StartsWith($"Usage: {Fwtool} <options> <firmware>\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void MetadataFromStdinAsAppendMetadataGivesIt()
    {
        File.WriteAllBytes(PathOf("fw"), Firmware(1000));
        var (status, output) = Builds.Execute("/bin/sh", "-c", $"printf '%s' '{Metadata}' | {Fwtool} -I - {PathOf("fw")}");
        Assert.True(status == 0, output);
        Assert.Equal("46577830044fd85801000000000000e4", Tail(PathOf("fw")));
    }

    [Fact]
    public void TheScriptWritesWhatTheRealFwtoolWrites()
    {
        var repository = Environment.GetEnvironmentVariable("KILN_FWTOOL_REPOSITORY") ?? "/work/.mirror/openwrt+fwtool/repo";
        if (!Directory.Exists(repository)) return; // the known answers above stand for it
        var source = PathOf("src");
        Directory.CreateDirectory(source);
        foreach (var file in new[] { "fwtool.c", "fwimage.h", "crc32.h", "utils.h" })
            File.WriteAllText(Path.Combine(source, file), Run("git", "-C", repository, "show", $"{Revision}:{file}").Output);
        var real = PathOf("fwtool-real");
        Assert.Equal(0, Run("gcc", "-O2", "-o", real, Path.Combine(source, "fwtool.c")).Status);

        var random = new Random(24);
        var cases = 0;
        // fwtool keeps the last two blocks of 34 KiB: a short file, and one whose trailers lie across a block's edge.
        foreach (var length in new[] { 100, 69_000 })
        {
            var firmware = new byte[length];
            random.NextBytes(firmware);
            var big = new byte[31_000];
            random.NextBytes(big);
            string[] setups = ["true", "{0} -I meta fw; {0} -S sig fw", "{0} -S sig fw; {0} -S sig fw"];
            string[] commands = ["-I meta fw", "-S sig fw", "-I big fw", "-t -i out fw", "-t -s out fw", "-T -i out fw", "-i - fw", "-x -i out fw"];
            foreach (var setup in setups)
                foreach (var command in commands)
                {
                    var results = new List<string>();
                    foreach (var (name, program) in new[] { ("real", real), ("kiln", Fwtool) })
                    {
                        var work = PathOf($"case-{name}");
                        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
                        Directory.CreateDirectory(work);
                        File.WriteAllBytes(Path.Combine(work, "fw"), firmware);
                        File.WriteAllText(Path.Combine(work, "meta"), Metadata);
                        File.WriteAllBytes(Path.Combine(work, "sig"), Signature());
                        File.WriteAllBytes(Path.Combine(work, "big"), big);
                        File.CreateSymbolicLink(Path.Combine(work, "fwtool"), program);
                        var (status, output) = Run("/bin/sh", "-c",
                            $"cd {work} && {{ {string.Format(setup, real)}; }} && ./fwtool {command} > stdout 2> stderr; echo $?; rm fwtool; " +
                            "for f in *; do echo \"$f $(sha256sum < $f)\"; done");
                        Assert.True(status == 0, output);
                        results.Add(output);
                    }
                    Assert.True(results[0] == results[1], $"fwtool {command} after '{setup}' on {length} bytes:\nreal:\n{results[0]}\nkiln:\n{results[1]}");
                    cases++;
                }
        }
        Assert.Equal(2 * 3 * 8, cases);
    }

    private static string Tail(string file) => Convert.ToHexStringLower(File.ReadAllBytes(file)[^16..]);

    private static (int Status, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result + errors.Result);
    }
}
