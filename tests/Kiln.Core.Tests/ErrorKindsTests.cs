using Kiln.Core.Errors;

namespace Kiln.Core.Tests;

/// <summary>File-system problems a tree causes are told as what is wrong with the tree, not as .NET's words.</summary>
public sealed class ErrorKindsTests : IDisposable
{
    private readonly string _tree = Directory.CreateTempSubdirectory("kiln-errors-").FullName;

    public void Dispose() => Directory.Delete(_tree, recursive: true);

    [Fact]
    public void AFileWhereADirectoryBelongsIsNamed()
    {
        var logs = Path.Combine(_tree, "logs");
        File.WriteAllText(logs, "");
        var below = Assert.ThrowsAny<IOException>(() => File.WriteAllText(Path.Combine(logs, "package", "x.txt"), ""));
        Assert.Equal($"kiln: {logs}: is a file, where a directory belongs", ErrorKinds.Describe(below));
        var itself = Assert.ThrowsAny<IOException>(() => Directory.CreateDirectory(logs));
        Assert.Equal($"kiln: {logs}: is a file, where a directory belongs", ErrorKinds.Describe(itself));
    }

    [Fact]
    public void OtherFileSystemProblemsKeepTheirMessage()
    {
        var error = new IOException("Input/output error : '/proc/self/mem'");
        Assert.True(ErrorKinds.IsUserCaused(error));
        Assert.Equal("kiln: Input/output error : '/proc/self/mem'", ErrorKinds.Describe(error));
    }

    [Fact]
    public void UserErrorsSpeakAsKilnOrAsMake()
    {
        Assert.Equal("kiln: no such target", ErrorKinds.Describe(new UserError("no such target")));
        Assert.Equal("a/Makefile:3: *** boom.  Stop.", ErrorKinds.Describe(new UserError(new SourceLocation("a/Makefile", 3), "boom")));
        Assert.Equal("a/Makefile:3: *** boom.  Stop.", ErrorKinds.Message(UserError.FromMakeStyle("a/Makefile:3: *** boom.  Stop.")));
        Assert.False(ErrorKinds.IsUserCaused(new InvalidOperationException("bug")));
    }
}
