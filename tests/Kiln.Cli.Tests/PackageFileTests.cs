using System.Formats.Tar;
using System.IO.Compression;

namespace Kiln.Cli.Tests;

/// <summary>
/// Damaged packages, indexes, signatures and keys: ipk-info, index, sign, verify and key refuse
/// them with one message naming the file, and write nothing (index leaves no partial index).
/// </summary>
public sealed class PackageFileTests
{
    private static byte[] Noise(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)((i * 7919 + 13) % 251))];

    /// <summary>A gzip stream of <paramref name="length"/> bytes of noise, cut in half.</summary>
    private static byte[] TruncatedGzip(int length)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(Noise(length));
        return buffer.ToArray()[..(int)(buffer.Length / 2)];
    }

    /// <summary>An ipk's outer gzip'd tar with debian-binary only: control.tar.gz and data.tar.gz missing.</summary>
    private static byte[] IpkWithoutControl()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Gnu))
        {
            var entry = new GnuTarEntry(TarEntryType.RegularFile, "./debian-binary") { DataStream = new MemoryStream("2.0\n"u8.ToArray()) };
            tar.WriteEntry(entry);
        }
        return buffer.ToArray();
    }

    private static BadInput IpkInfo(string name, Func<byte[]> bytes) =>
        new($"ipk-info of {name}", s => ["--topdir", s.Top, "ipk-info", s.WriteBytes("broken_1_all.ipk", bytes())])
        {
            Mentions = _ => "broken_1_all.ipk",
        };

    private static BadInput Index(string name, Func<byte[]> bytes) =>
        new($"index of a feed with {name}", s => ["--topdir", s.Top, "index", s.Path("feed")])
        {
            Setup = s => s.WriteBytes("feed/broken_1_all.ipk", bytes()),
            MayWrite = Writes.Key,
            Mentions = _ => "broken_1_all.ipk",
        };

    private static readonly BadInput[] Packages =
    [
        IpkInfo("random bytes", () => Noise(5000)),
        IpkInfo("a truncated gzip stream", () => TruncatedGzip(60000)),
        IpkInfo("an empty file", () => []),
        IpkInfo("a package without control.tar.gz", IpkWithoutControl),
        Index("random bytes", () => Noise(5000)),
        Index("a truncated gzip stream", () => TruncatedGzip(60000)),
        Index("an empty file", () => []),
        Index("a package without control.tar.gz", IpkWithoutControl),
    ];

    public static TheoryData<string> PackageCases => BadInput.Names(Packages);

    [Theory, MemberData(nameof(PackageCases))]
    public void ADamagedPackageIsRefused(string package) => BadInput.Check(Packages, package);

    private static BadInput Verify(string name, Action<Scratch> spoil, string mentions = "file.sig") =>
        new($"verify with {name}", s => ["--topdir", s.Top, "verify", s.Path("file")])
        {
            Setup = s =>
            {
                s.Write("file", "signed content\n");
                s.MakeKey();
                spoil(s);
            },
            Mentions = _ => mentions,
        };

    private static readonly BadInput[] Signatures =
    [
        Verify("a .sig of garbage", s => s.Write("file.sig", "garbage\n")),
        Verify("an empty .sig", s => s.Write("file.sig", "")),
        Verify("a .sig whose signature is not base64", s => s.Write("file.sig", "untrusted comment: signed\n!!! not base64 !!!\n")),
        Verify("a .sig too short to be a signature", s => s.Write("file.sig", "untrusted comment: signed\nAAAA\n")),
        Verify("no .sig", _ => { }),
        Verify("a signature by another tree's key", s => s.Sign("file", tree: "other")),
        Verify("a file changed after it was signed", s =>
        {
            s.Sign("file");
            s.Append("file", "changed\n");
        }),
        Verify("a public key of garbage in the tree", s =>
        {
            s.Sign("file");
            s.Write("tree/key-build.pub", "garbage\n");
        }, mentions: "key-build.pub"),
        new("verify --key of garbage", s => ["--topdir", s.Top, "verify", s.Path("file"), "--key", s.Path("garbage.pub")])
        {
            Setup = s =>
            {
                s.Write("file", "signed content\n");
                s.Sign("file");
                s.Write("garbage.pub", "untrusted comment: not a key\nnot base64 at all\n");
            },
            Mentions = _ => "garbage.pub",
        },
        // An index signed by kiln index, then edited: the list opkg would read no longer matches.
        new("verify of a Packages index edited after it was signed", s => ["--topdir", s.Top, "verify", s.Path("feed/Packages")])
        {
            Setup = s =>
            {
                s.MakeDirectory("feed");
                s.Kiln("--topdir", s.Top, "index", s.Path("feed"));
                s.Append("feed/Packages", "Package: smuggled\nVersion: 1\n\n");
            },
            Mentions = _ => "Packages.sig",
        },
        new("sign with a secret key of garbage", s => ["--topdir", s.Top, "sign", s.Write("file", "to sign\n")])
        {
            Setup = s =>
            {
                s.MakeKey();
                s.Write("tree/key-build", "garbage\n");
            },
            Mentions = _ => "key-build",
        },
        new("key with a secret key of garbage", BadInput.InTree("key"))
        {
            Setup = s =>
            {
                s.MakeKey();
                s.Write("tree/key-build", "garbage\n");
            },
            Mentions = _ => "key-build",
        },
    ];

    public static TheoryData<string> SignatureCases => BadInput.Names(Signatures);

    [Theory, MemberData(nameof(SignatureCases))]
    public void ABadSignatureOrKeyIsRefused(string signature) => BadInput.Check(Signatures, signature);
}
