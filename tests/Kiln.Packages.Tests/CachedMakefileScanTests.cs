using System.Text;
using Kiln.Make.Text;
using Kiln.Packages.Scanning;
using Kiln.Packages.Scanning.Cache;

namespace Kiln.Packages.Tests;

/// <summary>
/// A result read back from the scan cache, its text and facts left encoded until asked for: the same values as the result
/// that was written, and the same metadata block bytes, whether its text is ASCII (copied as the record holds it) or not.
/// </summary>
public sealed class CachedMakefileScanTests
{
    private static MakefileScan Written(string output) => new("package/demo/Makefile", output, "a warning\n", null,
        new MakefileFacts([KeyValuePair.Create("PKG_NAME", "demo")], HostBuild: true,
            [new PackageFacts("demo", [KeyValuePair.Create("TITLE", "Demo \u00e9")], ["postinst"])]));

    public static TheoryData<string> Outputs => new()
    {
        "Package: demo\nVersion: 1.0-r1\n",
        // Byte text: the bytes 0xC3 0xA9 of a UTF-8 "é" in a Makefile are two characters here, and two bytes in the dump.
        "Package: demo\nTitle: caf\u00c3\u00a9 \u00ff\n",
        "",
    };

    [Theory]
    [MemberData(nameof(Outputs))]
    public void ReadBackItIsTheResultThatWasWritten(string output)
    {
        var written = Written(output);
        var read = ScanCacheFile.DecodeScan(ScanCacheFile.EncodeScan(written));

        Assert.Equal(written.SourceMakefile, read.SourceMakefile);
        Assert.Equal(written.Diagnostics, read.Diagnostics);
        Assert.Null(read.Error);
        Assert.Equal(output, read.Output);
        Assert.Equal(written.Facts, read.Facts);
        Assert.Equal(written, read);
    }

    [Theory]
    [MemberData(nameof(Outputs))]
    public void ItsBlockIsWrittenAsTheTextsBytes(string output)
    {
        var read = ScanCacheFile.DecodeScan(ScanCacheFile.EncodeScan(Written(output)));
        using var written = new MemoryStream();
        read.WriteBlock(written);
        Assert.Equal(ByteText.GetBytes(Written(output).Block), written.ToArray());
        Assert.Equal(Encoding.Latin1.GetBytes($"Source-Makefile: package/demo/Makefile\n{output}\n"), written.ToArray());
    }
}
