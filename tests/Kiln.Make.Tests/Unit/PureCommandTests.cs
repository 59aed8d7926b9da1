using Kiln.Make.Inputs;

namespace Kiln.Make.Tests.Unit;

/// <summary>Only commands whose output follows from their text are taken as pure; anything that may read the world is not.</summary>
public sealed class PureCommandTests
{
    [Theory]
    [InlineData("echo 8.2.11| cut -f1,2 -d.")]
    [InlineData("echo  | sed 's/00$/02/'")]
    [InlineData("echo -unknown-linux | sed -e 'y/abcdefghijklmnopqrstuvwxyz-/ABCDEFGHIJKLMNOPQRSTUVWXYZ_/'")]
    [InlineData("expr 64 + 128")]
    [InlineData("echo $((64*1024*1024/1024))")]
    [InlineData("echo -e '\\03\\01\\01\\01RT-AC82U'")]
    [InlineData("printf '%s' abc | tr a-z A-Z")]
    [InlineData("echo 'CONFIG_MTD_REDBOOT_PARTS=' | md5sum | cut -c1-32")]
    [InlineData("/bin/sh -c \"echo -n 'X'\"")]
    public void TextAloneIsPure(string command) => Assert.True(PureCommand.Is(command));

    [Theory]
    [InlineData("date +%F")]
    [InlineData("mktemp -u XXXXXXXXXX")]
    [InlineData("cat title.txt")]
    [InlineData("echo $HOME")]
    [InlineData("echo \"$(uname)\"")]
    [InlineData("echo $((HOME+1))")]
    [InlineData("echo `date`")]
    [InlineData("echo x > file")]
    [InlineData("echo x; rm -rf y")]
    [InlineData("echo *")]
    [InlineData("sed -n -e '/^AC_INIT/p' configure.ac")]
    [InlineData("echo x | sed 's/a/b/w out'")]
    [InlineData("echo x | sed 'r /etc/passwd'")]
    [InlineData("echo x | cut -f1 file")]
    [InlineData("gcc -dM -E - </dev/null | grep -q __LP64__")]
    [InlineData("echo x || true")]
    [InlineData("echo x | md5sum Makefile")]
    [InlineData("echo x | /staging_dir/host/bin/mkhash md5")]
    [InlineData("sh -c \"cat version\"")]
    [InlineData("sh -c date")]
    public void AnythingThatMayReadTheWorldIsNot(string command) => Assert.False(PureCommand.Is(command));

    [Theory]
    [InlineData("cat version.txt", "version.txt")]
    [InlineData("cat /build/linux-6.6/.vermagic", "/build/linux-6.6/.vermagic")]
    [InlineData("cat a 'b c'", "a|b c")]
    public void CatOfNamedFilesReadsThoseFiles(string command, string files) =>
        Assert.Equal(files.Split('|'), FileReadingCommand.Files(command));

    [Theory]
    [InlineData("cat")]
    [InlineData("cat -A file")]
    [InlineData("cat *.txt")]
    [InlineData("cat $HOME/file")]
    [InlineData("cat file | head -1")]
    [InlineData("cat file > copy")]
    [InlineData("cat a; rm a")]
    [InlineData("tac file")]
    public void AnythingElseIsNotTakenForAFileRead(string command) => Assert.Null(FileReadingCommand.Files(command));
}
