using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Kiln.Core.Errors;
using Kiln.Packing.Signing;

namespace Kiln.Packing.Tests;

/// <summary>usign/signify keys and signatures, checked against signify-openbsd both ways.</summary>
public sealed class UsignTests : IDisposable
{
    private static readonly byte[] Message = "Package: tiny\nVersion: 1.0\n\n"u8.ToArray();

    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void GeneratedKeysReadBackWithTheSameKeyId()
    {
        var (secretText, publicText) = Usign.Generate("test key");

        var secret = Usign.ReadSecret(secretText, "test.sec");
        var publicKey = Usign.ReadPublic(publicText, "test.pub");

        Assert.Equal(secret.KeyId, publicKey.KeyId);
        Assert.Equal(8, secret.KeyId.Length);
        Assert.Equal(64, secret.Key.Length);
        Assert.Equal(32, publicKey.Key.Length);
        // An Ed25519 secret key (libsodium's layout) ends with its public key.
        Assert.Equal(publicKey.Key, secret.Key[32..]);
        Assert.Equal(Convert.ToHexStringLower(publicKey.KeyId), publicKey.Fingerprint);
        Assert.Equal($"untrusted comment: public key {publicKey.Fingerprint}", publicText.Split('\n')[0]);
        Assert.Equal("untrusted comment: test key secret key", secretText.Split('\n')[0]);
        // Each key pair is new.
        Assert.NotEqual(publicKey.KeyId, Usign.ReadPublic(Usign.Generate("other").PublicFile, "other.pub").KeyId);
    }

    [Fact]
    public void TheFilesHaveUsignsLayout()
    {
        var (secretText, publicText) = Usign.Generate("layout");

        var secret = Convert.FromBase64String(secretText.Split('\n')[1]);
        var publicBytes = Convert.FromBase64String(publicText.Split('\n')[1]);
        Assert.Equal(104, secret.Length);
        Assert.Equal("EdBK", Encoding.ASCII.GetString(secret, 0, 4));
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32BigEndian(secret.AsSpan(4, 4))); // no passphrase
        Assert.Equal(SHA512.HashData(secret[40..104])[..8], secret[24..32]); // checksum
        Assert.Equal(42, publicBytes.Length);
        Assert.Equal("Ed", Encoding.ASCII.GetString(publicBytes, 0, 2));
        Assert.Equal(secret[32..40], publicBytes[2..10]);
        Assert.EndsWith("\n", secretText, StringComparison.Ordinal);
        Assert.EndsWith("\n", publicText, StringComparison.Ordinal);
    }

    [Fact]
    public void ASignatureVerifies()
    {
        var (secretText, publicText) = Usign.Generate("test");
        var secret = Usign.ReadSecret(secretText, "test.sec");

        var signature = Usign.Sign(Message, secret);

        Assert.Null(Usign.Verify(Message, signature, Usign.ReadPublic(publicText, "test.pub"), "Packages.sig"));
        var lines = signature.Split('\n');
        Assert.Equal($"untrusted comment: signed by key {Convert.ToHexStringLower(secret.KeyId)}", lines[0]);
        var bytes = Convert.FromBase64String(lines[1]);
        Assert.Equal(74, bytes.Length);
        Assert.Equal("Ed"u8.ToArray(), bytes[..2]);
        Assert.Equal(secret.KeyId, bytes[2..10]);
        Assert.Equal("", lines[2]);
        // Ed25519 is deterministic: the same message and key give the same signature.
        Assert.Equal(signature, Usign.Sign(Message, secret));
    }

    [Fact]
    public void AChangedMessageDoesNotVerify()
    {
        var (secretText, publicText) = Usign.Generate("test");
        var signature = Usign.Sign(Message, Usign.ReadSecret(secretText, "test.sec"));
        var tampered = (byte[])Message.Clone();
        tampered[^3] ^= 1;

        var result = Usign.Verify(tampered, signature, Usign.ReadPublic(publicText, "test.pub"), "Packages.sig");

        Assert.Equal("Packages.sig: the signature does not match the file", result);
    }

    [Fact]
    public void ADamagedSignatureDoesNotVerify()
    {
        var (secretText, publicText) = Usign.Generate("test");
        var signature = Usign.Sign(Message, Usign.ReadSecret(secretText, "test.sec")).Split('\n');
        var bytes = Convert.FromBase64String(signature[1]);
        bytes[40] ^= 0x80;

        var result = Usign.Verify(Message, $"{signature[0]}\n{Convert.ToBase64String(bytes)}\n", Usign.ReadPublic(publicText, "test.pub"),
            "Packages.sig");

        Assert.Equal("Packages.sig: the signature does not match the file", result);
    }

    [Fact]
    public void AnotherKeysSignatureNamesBothKeys()
    {
        var (signerSecret, signerPublic) = Usign.Generate("signer");
        var (_, otherPublic) = Usign.Generate("other");
        var signer = Usign.ReadPublic(signerPublic, "signer.pub");
        var other = Usign.ReadPublic(otherPublic, "other.pub");

        var result = Usign.Verify(Message, Usign.Sign(Message, Usign.ReadSecret(signerSecret, "signer.sec")), other, "Packages.sig");

        Assert.Equal($"Packages.sig: signed by key {signer.Fingerprint}, not by {other.Fingerprint}", result);
    }

    [Fact]
    public void ASecretKeyWithAPassphraseIsRefused()
    {
        var (secretText, _) = Usign.Generate("protected");
        var lines = secretText.Split('\n');
        var bytes = Convert.FromBase64String(lines[1]);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4, 4), 42); // signify's kdfrounds, as it writes them

        var error = Assert.Throws<UserError>(() => Usign.ReadSecret($"{lines[0]}\n{Convert.ToBase64String(bytes)}\n", "key-build"));

        Assert.Equal("key-build: the secret key has a passphrase, which Kiln does not ask for", error.Message);
    }

    [Fact]
    public void ASecretKeyWithABadChecksumIsRefused()
    {
        var (secretText, _) = Usign.Generate("damaged");
        var lines = secretText.Split('\n');
        var bytes = Convert.FromBase64String(lines[1]);
        bytes[50] ^= 1; // in the key itself

        var error = Assert.Throws<UserError>(() => Usign.ReadSecret($"{lines[0]}\n{Convert.ToBase64String(bytes)}\n", "key-build"));

        Assert.Equal("key-build: the secret key's checksum does not match", error.Message);
    }

    [Fact]
    public void AnUnknownKeyDerivationIsRefused()
    {
        var (secretText, _) = Usign.Generate("odd");
        var lines = secretText.Split('\n');
        var bytes = Convert.FromBase64String(lines[1]);
        bytes[2] = (byte)'X';

        var error = Assert.Throws<UserError>(() => Usign.ReadSecret($"{lines[0]}\n{Convert.ToBase64String(bytes)}\n", "key-build"));

        Assert.Equal("key-build: not a usign secret key (unknown key derivation)", error.Message);
    }

    [Theory]
    [InlineData("", "k.pub: not a usign file (no 'untrusted comment:' line)")]
    [InlineData("comment: x\nRWQ=\n", "k.pub: not a usign file (no 'untrusted comment:' line)")]
    [InlineData("untrusted comment: x\n!!! not base64 !!!\n", "k.pub: the second line is not base64")]
    [InlineData("untrusted comment: x\nRWQ=\n", "k.pub: not an Ed25519 usign file of the expected kind")]
    public void AMalformedPublicKeyIsRefused(string text, string message)
    {
        var error = Assert.Throws<UserError>(() => Usign.ReadPublic(text, "k.pub"));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void ASecretKeyIsNotAPublicKey()
    {
        var (secretText, publicText) = Usign.Generate("mixed");

        Assert.Equal("k.pub: not an Ed25519 usign file of the expected kind", Assert.Throws<UserError>(() => Usign.ReadPublic(secretText,
            "k.pub")).Message);
        Assert.Equal("k.sec: not an Ed25519 usign file of the expected kind", Assert.Throws<UserError>(() => Usign.ReadSecret(publicText,
            "k.sec")).Message);
    }

    [Fact]
    public void SignifysKeysAndSignaturesWorkWithKiln()
    {
        Tool.RequireSignify();
        Tool.Succeed(_temp.Path, Tool.Signify, "-G", "-n", "-c", "signify test", "-p", "signify.pub", "-s", "signify.sec");
        File.WriteAllBytes(_temp.In("message"), Message);
        Tool.Succeed(_temp.Path, Tool.Signify, "-S", "-s", "signify.sec", "-m", "message", "-x", "message.sig");

        var publicKey = Usign.ReadPublic(File.ReadAllText(_temp.In("signify.pub")), "signify.pub");
        var secret = Usign.ReadSecret(File.ReadAllText(_temp.In("signify.sec")), "signify.sec");

        Assert.Equal(publicKey.KeyId, secret.KeyId);
        Assert.Null(Usign.Verify(Message, File.ReadAllText(_temp.In("message.sig")), publicKey, "message.sig"));
        // Kiln's signature with signify's key is signify's signature (Ed25519 is deterministic).
        Assert.Equal(Convert.FromBase64String(File.ReadAllText(_temp.In("message.sig")).Split('\n')[1]),
            Convert.FromBase64String(Usign.Sign(Message, secret).Split('\n')[1]));
        Assert.Equal("message.sig: the signature does not match the file",
            Usign.Verify("other"u8, File.ReadAllText(_temp.In("message.sig")), publicKey, "message.sig"));
    }

    [Fact]
    public void KilnsKeysAndSignaturesWorkWithSignify()
    {
        Tool.RequireSignify();
        var (secretText, publicText) = Usign.Generate("kiln test");
        File.WriteAllText(_temp.In("kiln.pub"), publicText);
        File.WriteAllText(_temp.In("kiln.sec"), secretText);
        File.WriteAllBytes(_temp.In("message"), Message);
        File.WriteAllText(_temp.In("message.sig"), Usign.Sign(Message, Usign.ReadSecret(secretText, "kiln.sec")));

        Assert.Contains("Signature Verified", Tool.Succeed(_temp.Path, Tool.Signify, "-V", "-p", "kiln.pub", "-x", "message.sig", "-m", "message"),
            StringComparison.Ordinal);

        // signify signs with Kiln's secret key; Kiln verifies that.
        Tool.Succeed(_temp.Path, Tool.Signify, "-S", "-s", "kiln.sec", "-m", "message", "-x", "signify.sig");
        Assert.Null(Usign.Verify(Message, File.ReadAllText(_temp.In("signify.sig")), Usign.ReadPublic(publicText, "kiln.pub"), "signify.sig"));

        // signify refuses a changed message too.
        File.WriteAllText(_temp.In("message"), "changed\n");
        Assert.NotEqual(0, Tool.Run(_temp.Path, Tool.Signify, "-V", "-q", "-p", "kiln.pub", "-x", "message.sig", "-m", "message").ExitCode);
    }
}
