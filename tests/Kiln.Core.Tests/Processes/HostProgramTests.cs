using Kiln.Core.Errors;
using Kiln.Core.Processes;

namespace Kiln.Core.Tests.Processes;

public sealed class HostProgramTests
{
    [Fact]
    public void MissingProgramNamesTheDebianPackage()
    {
        var error = Assert.Throws<UserError>(() => new HostProgram("mksquashfs-kiln-missing", "squashfs-tools").Locate("/usr/bin:/bin"));
        Assert.Equal("mksquashfs-kiln-missing not found: install the Debian package squashfs-tools (apt-get install squashfs-tools)", error.Message);
    }

    [Fact]
    public void AdministratorProgramsAreFoundOutsideAnOrdinaryUsersPath()
    {
        // Debian installs mke2fs in /usr/sbin (or /sbin), which a user's PATH does not hold.
        var located = new HostProgram("mke2fs", "e2fsprogs").Locate("/usr/local/bin:/usr/bin:/bin");
        Assert.Matches("^(/usr)?/sbin/mke2fs$", located);
    }

    [Fact]
    public void RunCollectsOutputErrorsAndStatusWithTheGivenEnvironment()
    {
        var shell = new HostProgram("sh", "dash");
        var result = shell.Run(["-c", "echo out; echo err >&2; echo \"${KILN_SET-unset} ${KILN_REMOVED-removed}\"; exit 3"],
            new Dictionary<string, string?> { ["KILN_SET"] = "set", ["KILN_REMOVED"] = null, ["HOME"] = null });
        Assert.Equal(3, result.ExitCode);
        Assert.False(result.Succeeded);
        Assert.Contains("out\n", result.Output);
        Assert.Contains("err\n", result.Output);
        Assert.Contains("set removed\n", result.Output);
        Assert.Equal("err\n", result.StandardError);
    }

    [Fact]
    public void FailureQuotesTheLastLinesAndTheLog()
    {
        var result = new HostProgram("sh", "dash").Run(["-c", "for i in $(seq 1 40); do echo line $i; done; exit 1"]);
        var error = Assert.Throws<UserError>(() => result.EnsureSucceeded("/tmp/image.log"));
        var lines = error.Message.Split('\n');
        Assert.Equal("sh failed (exit status 1):", lines[0]);
        Assert.Equal("line 26", lines[1]);
        Assert.Equal("line 40", lines[^2]);
        Assert.Equal("(the whole output is in /tmp/image.log)", lines[^1]);
    }

    [Fact]
    public void CommandLineQuotesWhatTheShellWouldSplit()
    {
        var result = new ProgramResult("mksquashfs", ["root dir", "-p", "/dev d 755 0 0", "it's", "-b", "256k"], 0, "", "");
        Assert.Equal("mksquashfs 'root dir' -p '/dev d 755 0 0' 'it'\\''s' -b 256k", result.CommandLine);
    }
}
