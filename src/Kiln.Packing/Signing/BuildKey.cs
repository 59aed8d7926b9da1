using Kiln.Core.Errors;
using Kiln.Core.Files;

namespace Kiln.Packing.Signing;

/// <summary>
/// The tree's signing key pair, kept where OpenWrt keeps it: TREE/key-build (secret) and
/// TREE/key-build.pub. Made on first use.
/// </summary>
public static class BuildKey
{
    public static string SecretPath(string top) => Path.Combine(top, "key-build");

    public static string PublicPath(string top) => Path.Combine(top, "key-build.pub");

    /// <summary>The secret key, made (with its public half) when the tree has none.</summary>
    public static Usign.SecretKey Secret(string top)
    {
        var path = SecretPath(top);
        if (!File.Exists(path))
        {
            var (secret, publicKey) = Usign.Generate("Kiln build key");
            AtomicFile.Write(PublicPath(top), publicKey, (UnixFileMode)0b110_100_100);
            AtomicFile.Write(path, secret, (UnixFileMode)0b110_000_000);
        }
        return Usign.ReadSecret(File.ReadAllText(path), "key-build");
    }

    public static Usign.PublicKey Public(string top)
    {
        var path = PublicPath(top);
        if (!File.Exists(path)) throw new UserError($"{path}: no public key (build or sign something first, which makes the key pair)");
        return Usign.ReadPublic(File.ReadAllText(path), "key-build.pub");
    }
}
