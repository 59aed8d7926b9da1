using System.Runtime.InteropServices;
using Kiln.Core.Errors;

namespace Kiln.Packing.Signing;

/// <summary>Ed25519 from libsodium (Debian's libsodium23), the algorithm usign and signify use.</summary>
internal static partial class Sodium
{
    public const int PublicKeyBytes = 32;
    public const int SecretKeyBytes = 64;
    public const int SignatureBytes = 64;
    private const string Library = "libsodium.so.23";

    private static readonly Lazy<bool> Ready = new(() =>
    {
        try
        {
            return sodium_init() >= 0;
        }
        catch (DllNotFoundException)
        {
            throw new UserError("libsodium is missing: install the Debian package libsodium23 (apt-get install libsodium23)");
        }
    });

    public static (byte[] PublicKey, byte[] SecretKey) KeyPair()
    {
        Init();
        var (publicKey, secretKey) = (new byte[PublicKeyBytes], new byte[SecretKeyBytes]);
        if (crypto_sign_keypair(publicKey, secretKey) != 0) throw new InvalidOperationException("crypto_sign_keypair failed");
        return (publicKey, secretKey);
    }

    public static byte[] Sign(ReadOnlySpan<byte> message, byte[] secretKey)
    {
        Init();
        var signature = new byte[SignatureBytes];
        if (crypto_sign_detached(signature, out _, message, (ulong)message.Length, secretKey) != 0)
            throw new InvalidOperationException("crypto_sign_detached failed");
        return signature;
    }

    public static bool Verify(ReadOnlySpan<byte> message, byte[] signature, byte[] publicKey)
    {
        Init();
        return crypto_sign_verify_detached(signature, message, (ulong)message.Length, publicKey) == 0;
    }

    private static void Init()
    {
        if (!Ready.Value) throw new InvalidOperationException("sodium_init failed");
    }

    [LibraryImport(Library)]
    private static partial int sodium_init();

    [LibraryImport(Library)]
    private static partial int crypto_sign_keypair([Out] byte[] publicKey, [Out] byte[] secretKey);

    [LibraryImport(Library)]
    private static partial int crypto_sign_detached([Out] byte[] signature, out ulong signatureLength, ReadOnlySpan<byte> message,
        ulong messageLength, byte[] secretKey);

    [LibraryImport(Library)]
    private static partial int crypto_sign_verify_detached(byte[] signature, ReadOnlySpan<byte> message, ulong messageLength, byte[] publicKey);
}
