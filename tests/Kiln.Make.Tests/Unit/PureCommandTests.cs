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
        Assert.Equal(files.Split('|'), FileReadingCommand.Recognise(command)?.Files);

    [Theory]
    [InlineData("cat")]
    [InlineData("cat -A file")]
    [InlineData("cat *.txt")]
    [InlineData("cat $HOME/file")]
    [InlineData("cat file | head -1")]
    [InlineData("cat file > copy")]
    [InlineData("cat a; rm a")]
    [InlineData("tac file")]
    [InlineData("sed -n -e '/^AC_INIT/s/x/y/w out' configure.ac")]
    [InlineData("sed -i 's/a/b/' file")]
    [InlineData("sed 's/a/b/' a b")]
    [InlineData("sed 's/a/b/'")]
    public void AnythingElseIsNotTakenForAFileRead(string command) => Assert.Null(FileReadingCommand.Recognise(command));

    [Theory]
    [InlineData("sed -n -e '/^AC_INIT/s/.*\\[\\([[:digit:]\\.]*\\)\\].*/\\1/gp' /tools/usb/usbip/configure.ac", "/tools/usb/usbip/configure.ac")]
    [InlineData("sed -E 's,^v,,' VERSION", "VERSION")]
    [InlineData("sed 1p 'a file'", "a file")]
    public void ASedThatOnlyEditsItsInputReadsItsOneFile(string command, string file)
    {
        var reading = FileReadingCommand.Recognise(command);
        Assert.Equal([file], reading?.Files);
        Assert.False(reading!.PrintsFiles);
    }

    [Theory]
    [InlineData("s/a/b/")]
    [InlineData("s,^patches/nginx-mod-,,")]
    [InlineData("/^AC_INIT/s/.*\\[\\([[:digit:]\\.]*\\)\\].*/\\1/gp")]
    [InlineData("s/a\\/b/c/2g")]
    [InlineData("y/abc/ABC/")]
    [InlineData("3p")]
    [InlineData("/x/d")]
    public void ASedScriptThatOnlyEditsItsInput(string script) => Assert.True(SedScript.EditsOnlyItsInput(script));

    [Theory]
    [InlineData("s/a/b/w out")]
    [InlineData("s/a/b/e")]
    [InlineData("s/a/b/;w out")]
    [InlineData("s/[/]/x/w out")]
    [InlineData("r /etc/passwd")]
    [InlineData("/x/w out")]
    [InlineData("1e date")]
    [InlineData("s/a/b")]
    [InlineData("y/a/b/g")]
    [InlineData("p;p")]
    [InlineData("s/a/b/\nw out")]
    public void ASedScriptThatMayReadOrWriteOrRunIsNot(string script) => Assert.False(SedScript.EditsOnlyItsInput(script));

    [Theory]
    [InlineData("echo shared no-tests | /tree/staging_dir/host/bin/mkhash md5", "/tree/staging_dir/host/bin/mkhash")]
    [InlineData("echo 1 | /h/bin/mkhash sha256 | cut -b1-8", "/h/bin/mkhash")]
    public void ADigestByMkhashNamedByPathFollowsFromTheTextAndThatProgram(string command, string program) =>
        Assert.Equal([program], PureCommand.Programs(command));

    [Theory]
    [InlineData("echo x | mkhash md5")]
    [InlineData("echo x | /bin/mkhash md5 file")]
    [InlineData("echo x | /bin/other md5")]
    [InlineData("/bin/mkhash md5")]
    public void AnyOtherProgramIsNotTakenForADigest(string command) => Assert.Null(PureCommand.Programs(command));

    [Theory]
    [InlineData("find patches -mindepth 1 -maxdepth 1 -type d -name 'nginx-mod-*' | sed -E 's,^patches/nginx-mod-,,'", "patches")]
    [InlineData("find /feeds/x -maxdepth 1 -name '*.mk'", "/feeds/x")]
    [InlineData("find 'a dir' -maxdepth 1 -type f | cut -c1-3 | tr a-z A-Z", "a dir")]
    public void AFindOfOneDirectoryListsThatDirectory(string command, string directory) => Assert.Equal(directory, ListingCommand.Directory(command));

    [Theory]
    [InlineData("find patches -type d")]
    [InlineData("find patches -maxdepth 2 -type d")]
    [InlineData("find patches -maxdepth 1 -newer Makefile")]
    [InlineData("find patches -maxdepth 1 -exec rm {} ;")]
    [InlineData("find -L patches -maxdepth 1")]
    [InlineData("find patches -maxdepth 1 | xargs cat")]
    [InlineData("find $DIR -maxdepth 1")]
    [InlineData("find patches -maxdepth 1 -name")]
    public void AnyOtherFindIsNotTakenForAListing(string command) => Assert.Null(ListingCommand.Directory(command));
}
