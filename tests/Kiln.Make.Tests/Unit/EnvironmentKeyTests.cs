using Kiln.Core.Files;
using System.Text;
using Kiln.Make.Inputs;

namespace Kiln.Make.Tests.Unit;

/// <summary>What a cache keeps of the environment: names looked up and not found, and what every evaluation depends on.</summary>
public sealed class EnvironmentKeyTests
{
    [Fact]
    public void OnlyNamesAShellCanExportAreKeptAsMissing()
    {
        Assert.NotNull(EnvironmentKey.MissingName("V"));
        Assert.NotNull(EnvironmentKey.MissingName("CONFIG_PACKAGE_libc"));
        Assert.NotNull(EnvironmentKey.MissingName("_private2"));
        Assert.Null(EnvironmentKey.MissingName("Package/foo/install"));
        Assert.Null(EnvironmentKey.MissingName("2nd"));
        Assert.Null(EnvironmentKey.MissingName(""));
        Assert.NotEqual(EnvironmentKey.MissingName("AB"), EnvironmentKey.MissingName("BA"));
    }

    [Fact]
    public void AMissingNameThatTheEnvironmentNowHasIsNoticed()
    {
        var missing = EnvironmentKey.Sorted(new[] { "V", "NOT_SET", "V" }.Select(n => EnvironmentKey.MissingName(n)!.Value));
        Assert.Equal(2, missing.Length);
        Assert.True(EnvironmentKey.StillMissing(missing, new Dictionary<string, string> { ["PATH"] = "/bin", ["TERM"] = "xterm" }));
        Assert.False(EnvironmentKey.StillMissing(missing, new Dictionary<string, string> { ["PATH"] = "/bin", ["NOT_SET"] = "" }));

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true)) EnvironmentKey.Write(writer, missing);
        var reader = new RecordReader(buffer.ToArray());
        Assert.Equal(missing, EnvironmentKey.Read(ref reader));
    }

    [Fact]
    public void TheKeyHoldsMakesOwnVariablesAndTheLocaleByValueAndNothingElse()
    {
        string Key(Dictionary<string, string> environment)
        {
            var key = new StringBuilder();
            EnvironmentKey.Append(key, environment);
            return key.ToString();
        }
        Assert.Equal("", Key(new() { ["PATH"] = "/bin", ["HOME"] = "/root", ["SSH_TTY"] = "/dev/pts/0" }));
        Assert.Equal("LANG=C\0MAKEFLAGS=-e\0TZ=UTC\0", Key(new() { ["TZ"] = "UTC", ["MAKEFLAGS"] = "-e", ["LANG"] = "C", ["PWD"] = "/" }));
    }
}
