using System.Text;
using System.Text.Json;
using Kiln.Build.Cache;

namespace Kiln.Build.Tests.Cache;

public sealed class ActionRecordTests
{
    private static readonly string Sha = CacheTestFiles.Key("content");

    private static ActionOutput[] Outputs() =>
    [
        ActionOutput.File("usr/bin/tool", (UnixFileMode)0x1ed, 12, Sha),
        ActionOutput.Directory("usr", (UnixFileMode)0x1ed),
        ActionOutput.Symlink("usr/bin/alias", "tool"),
        ActionOutput.File("etc/config/tool", (UnixFileMode)0x1a4, 0, CacheTestFiles.Key("")),
    ];

    [Fact]
    public void TheEncodingIsTheSameWhateverOrderTheOutputsAndMetadataCameIn()
    {
        var forward = new ActionRecord(Outputs(), new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" });
        var backward = new ActionRecord(Outputs().Reverse(), new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" });
        Assert.Equal(forward.Encode(), backward.Encode());
        Assert.Equal(["etc/config/tool", "usr", "usr/bin/alias", "usr/bin/tool"], forward.Outputs.Select(o => o.Path));
        // Compact: no whitespace beyond what the strings hold.
        Assert.DoesNotContain((byte)'\n', forward.Encode());
    }

    [Fact]
    public void ARecordRoundTrips()
    {
        var record = new ActionRecord(Outputs(), new Dictionary<string, string> { ["package"] = "tool", ["note"] = "ünïcode \"quoted\"" });
        var parsed = ActionRecord.TryParse(record.Encode(), out var problem);
        Assert.Null(problem);
        Assert.Equal(record.Outputs, parsed!.Outputs);
        Assert.Equal(record.Metadata, parsed.Metadata);
        Assert.Equal(record.Encode(), parsed.Encode());
        Assert.Equal([CacheTestFiles.Key(""), Sha], record.Blobs());
        // Standard JSON, readable by any other tool.
        using var document = JsonDocument.Parse(record.Encode());
        Assert.Equal("0755", document.RootElement.GetProperty("outputs")[3].GetProperty("mode").GetString());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"version":1,"outputs":[],"metadata":{}} trailing""")]
    [InlineData("""{"version":2,"outputs":[],"metadata":{}}""")]
    [InlineData("""{"version":1,"outputs":[]}""")]
    [InlineData("""{"version":1,"outputs":[],"metadata":{},"extra":1}""")]
    [InlineData("""{"version":1,"outputs":[],"metadata":{"a":1}}""")]
    [InlineData("""{"version":1,"outputs":[{"path":"/abs","kind":"directory","mode":"0755"}],"metadata":{}}""")]
    [InlineData("""{"version":1,"outputs":[{"path":"a/../../b","kind":"directory","mode":"0755"}],"metadata":{}}""")]
    [InlineData("""{"version":1,"outputs":[{"path":"a","kind":"device","mode":"0755"}],"metadata":{}}""")]
    [InlineData("""{"version":1,"outputs":[{"path":"a","kind":"file","mode":"0644","size":1,"sha256":"ABC"}],"metadata":{}}""")]
    [InlineData("""{"version":1,"outputs":[{"path":"a","kind":"file","mode":"0644","sha256":"0000000000000000000000000000000000000000000000000000000000000000"}],"metadata":{}}""")]
    [InlineData("""{"version":1,"outputs":[{"path":"a","kind":"symlink","mode":"0777","target":""}],"metadata":{}}""")]
    [InlineData("""{"version":1,"outputs":[{"path":"a","kind":"directory","mode":"9999"}],"metadata":{}}""")]
    [InlineData("""{"version":1,"outputs":[{"path":"a","kind":"directory","mode":"0755"},{"path":"a","kind":"directory","mode":"0755"}],"metadata":{}}""")]
    [InlineData("""{"version":1,"outputs":[{"path":"a","kind":"directory","mode":"0755","mode":"0700"}],"metadata":{}}""")]
    public void AMalformedRecordIsRefused(string json)
    {
        Assert.Null(ActionRecord.TryParse(Encoding.UTF8.GetBytes(json), out var problem));
        Assert.StartsWith("malformed action record", problem);
    }

    [Fact]
    public void ARecordCannotBeMadeOfBadOutputs()
    {
        Assert.Throws<ArgumentException>(() => new ActionRecord([ActionOutput.Directory("../escape", (UnixFileMode)0x1ed)]));
        Assert.Throws<ArgumentException>(() => new ActionRecord([ActionOutput.File("a", (UnixFileMode)0x1a4, 1, "not-a-hash")]));
        Assert.Throws<ArgumentException>(() => new ActionRecord([ActionOutput.Symlink("a", "b"), ActionOutput.Directory("a", (UnixFileMode)0x1ed)]));
    }
}
