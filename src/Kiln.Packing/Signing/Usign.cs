using System.Security.Cryptography;
using System.Text;
using Kiln.Core.Errors;

namespace Kiln.Packing.Signing;

/// <summary>
/// usign's files (also signify's): a line <c>untrusted comment: ...</c> and a line of base64.
/// Public key: "Ed", an 8-byte key id, the 32-byte key. Secret key: "Ed", "BK", 4-byte KDF
/// rounds (0: no passphrase), 16-byte salt, 8-byte checksum (the start of the SHA-512 of the
/// key), the key id, the 64-byte key. Signature: "Ed", the key id, the 64-byte signature of the
/// file's bytes.
/// </summary>
public static class Usign
{
    private static readonly byte[] Ed = "Ed"u8.ToArray();

    public sealed record PublicKey(byte[] KeyId, byte[] Key)
    {
        /// <summary>The key id as usign prints it (16 hex digits), which also names the key in /etc/opkg/keys.</summary>
        public string Fingerprint => Convert.ToHexStringLower(KeyId);
    }

    public sealed record SecretKey(byte[] KeyId, byte[] Key);

    /// <summary>Makes a key pair; the comments say what the keys are for.</summary>
    public static (string SecretFile, string PublicFile) Generate(string comment)
    {
        var (publicKey, secretKey) = Sodium.KeyPair();
        var keyId = RandomNumberGenerator.GetBytes(8);
        var salt = RandomNumberGenerator.GetBytes(16);
        var checksum = SHA512.HashData(secretKey)[..8];
        var secret = Concat(Ed, "BK"u8.ToArray(), new byte[4], salt, checksum, keyId, secretKey);
        var fingerprint = Convert.ToHexStringLower(keyId);
        return (
            $"untrusted comment: {comment} secret key\n{Convert.ToBase64String(secret)}\n",
            $"untrusted comment: public key {fingerprint}\n{Convert.ToBase64String(Concat(Ed, keyId, publicKey))}\n");
    }

    public static SecretKey ReadSecret(string text, string where)
    {
        var bytes = Payload(text, where, 2 + 2 + 4 + 16 + 8 + 8 + 64);
        if (bytes[2] != 'B' || bytes[3] != 'K') throw new UserError($"{where}: not a usign secret key (unknown key derivation)");
        if (BitConverter.ToUInt32(bytes, 4) != 0) throw new UserError($"{where}: the secret key has a passphrase, which Kiln does not ask for");
        var key = bytes[40..104];
        if (!SHA512.HashData(key)[..8].AsSpan().SequenceEqual(bytes.AsSpan(24, 8)))
            throw new UserError($"{where}: the secret key's checksum does not match");
        return new SecretKey(bytes[32..40], key);
    }

    public static PublicKey ReadPublic(string text, string where)
    {
        var bytes = Payload(text, where, 2 + 8 + 32);
        return new PublicKey(bytes[2..10], bytes[10..42]);
    }

    /// <summary>The .sig file for <paramref name="message"/>.</summary>
    public static string Sign(ReadOnlySpan<byte> message, SecretKey key) =>
        $"untrusted comment: signed by key " +
            $"{Convert.ToHexStringLower(key.KeyId)}\n{Convert.ToBase64String(Concat(Ed, key.KeyId, Sodium.Sign(message, key.Key)))}\n";

    /// <summary>The fingerprint of the key that made a .sig (the name OpenWrt gives that key's file in its keys directory).</summary>
    public static string SignerOf(string signatureText, string where) => Convert.ToHexStringLower(Payload(signatureText, where, 2 + 8 + 64)[2..10]);

    /// <summary>Checks a .sig against the message and key; a message explains a failure.</summary>
    public static string? Verify(ReadOnlySpan<byte> message, string signatureText, PublicKey key, string where)
    {
        var bytes = Payload(signatureText, where, 2 + 8 + 64);
        if (!bytes.AsSpan(2, 8).SequenceEqual(key.KeyId))
            return $"{where}: signed by key {Convert.ToHexStringLower(bytes[2..10])}, not by {key.Fingerprint}";
        return Sodium.Verify(message, bytes[10..74], key.Key) ? null : $"{where}: the signature does not match the file";
    }

    private static byte[] Payload(string text, string where, int length)
    {
        var lines = text.Split('\n');
        if (lines.Length < 2 || !lines[0].StartsWith("untrusted comment: ", StringComparison.Ordinal))
            throw new UserError($"{where}: not a usign file (no 'untrusted comment:' line)");
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(lines[1].Trim());
        }
        catch (FormatException)
        {
            throw new UserError($"{where}: the second line is not base64");
        }
        if (bytes.Length != length || bytes[0] != 'E' || bytes[1] != 'd')
            throw new UserError($"{where}: not an Ed25519 usign file of the expected kind");
        return bytes;
    }

    private static byte[] Concat(params byte[][] parts)
    {
        var all = new byte[parts.Sum(p => p.Length)];
        var at = 0;
        foreach (var part in parts)
        {
            part.CopyTo(all, at);
            at += part.Length;
        }
        return all;
    }
}
