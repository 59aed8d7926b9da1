namespace Kiln.Cli.Tests;

/// <summary>
/// Files that cannot be read the ordinary way. The tests run as root, so a mode-000 Makefile
/// would be read anyway: /proc and /dev give unreadable entries and read errors instead.
/// </summary>
public sealed class SpecialFileTests
{
    private const string Unreadable = "/proc/self/mem"; // opens, then every read fails with EIO

    private static readonly BadInput[] Cases =
    [
        // /proc holds directories even root cannot list; the index cannot be written there either.
        new("index /proc", BadInput.InTree("index", "/proc"))
        {
            MayWrite = Writes.Key,
            Mentions = _ => "/proc",
        },
        // Package messages name the file without its directory.
        new("ipk-info /dev/null", BadInput.InTree("ipk-info", "/dev/null"))
        {
            Mentions = _ => "null",
        },
        // An empty .config selects no target and no architecture: nothing can be built with it.
        new("build --config /dev/null", BadInput.InTree("build", "--config", "/dev/null", "libgreet"))
        {
            MayWrite = Writes.Build,
            Mentions = _ => "CONFIG_ARCH",
        },
        new("build --config with a read error", BadInput.InTree("build", "--config", Unreadable, "libgreet"))
        {
            MayWrite = Writes.Build,
            Mentions = _ => Unreadable,
        },
        new("devices --config with a read error", BadInput.InTree("devices", "demo/small", "--config", Unreadable))
        {
            MayWrite = Writes.Scan,
            Mentions = _ => Unreadable,
        },
        new("ipk-info with a read error", BadInput.InTree("ipk-info", Unreadable))
        {
            Mentions = _ => Unreadable,
        },
        new("sign with a read error", BadInput.InTree("sign", Unreadable))
        {
            MayWrite = Writes.Key,
            Mentions = _ => Unreadable,
        },
        new("verify with a read error", BadInput.InTree("verify", Unreadable))
        {
            Setup = s => s.MakeKey(),
            Mentions = _ => Unreadable,
        },
        new("make-eval -f with a read error", _ => ["make-eval", "-f", Unreadable])
        {
            NoTree = true,
            Stderr = _ => $"make: *** {Unreadable}: Input/output error.  Stop.\n",
        },
        new("a package Makefile that cannot be read", BadInput.InTree("build", "--target", "demo/small", "greeter"))
        {
            Setup = s => s.Symlink("tree/package/utils/greeter/Makefile", Unreadable),
            MayWrite = Writes.Build,
            Mentions = _ => "package/utils/greeter/Makefile",
        },
    ];

    public static TheoryData<string> Names => BadInput.Names(Cases);

    [Theory, MemberData(nameof(Names))]
    public void ASpecialFileIsRefusedWithAMessage(string input) => BadInput.Check(Cases, input);
}
