using System.Runtime.Versioning;
using Kiln.Core.Errors;
using Kiln.Packing.Signing;

namespace Kiln.Packing.Tests;

/// <summary>The tree's key pair: TREE/key-build and TREE/key-build.pub, made once.</summary>
[SupportedOSPlatform("linux")]
public sealed class BuildKeyTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void TheFirstUseMakesThePairWithAPrivateSecret()
    {
        var secret = BuildKey.Secret(_temp.Path);

        Assert.Equal(["key-build", "key-build.pub"], _temp.Listing());
        Assert.Equal(_temp.In("key-build"), BuildKey.SecretPath(_temp.Path));
        Assert.Equal(_temp.In("key-build.pub"), BuildKey.PublicPath(_temp.Path));
        Assert.Equal((UnixFileMode)0b110_000_000, File.GetUnixFileMode(_temp.In("key-build")));
        Assert.Equal((UnixFileMode)0b110_100_100, File.GetUnixFileMode(_temp.In("key-build.pub")));
        var fromFile = Usign.ReadSecret(File.ReadAllText(_temp.In("key-build")), "key-build");
        Assert.Equal(fromFile.KeyId, secret.KeyId);
        Assert.Equal(fromFile.Key, secret.Key);
        var publicKey = BuildKey.Public(_temp.Path);
        Assert.Equal(secret.KeyId, publicKey.KeyId);
        Assert.Null(Usign.Verify("index"u8, Usign.Sign("index"u8, secret), publicKey, "Packages.sig"));
        Assert.StartsWith("untrusted comment: Kiln build key secret key\n", File.ReadAllText(_temp.In("key-build")), StringComparison.Ordinal);
    }

    [Fact]
    public void LaterUsesKeepTheKey()
    {
        var first = BuildKey.Secret(_temp.Path);
        var secretFile = File.ReadAllBytes(_temp.In("key-build"));
        var publicFile = File.ReadAllBytes(_temp.In("key-build.pub"));

        var second = BuildKey.Secret(_temp.Path);

        Assert.Equal(first.KeyId, second.KeyId);
        Assert.Equal(first.Key, second.Key);
        Assert.Equal(secretFile, File.ReadAllBytes(_temp.In("key-build")));
        Assert.Equal(publicFile, File.ReadAllBytes(_temp.In("key-build.pub")));
        Assert.Equal(["key-build", "key-build.pub"], _temp.Listing());
    }

    [Fact]
    public void AKeyPutThereIsUsed()
    {
        var (secretText, publicText) = Usign.Generate("mine");
        File.WriteAllText(_temp.In("key-build"), secretText);
        File.WriteAllText(_temp.In("key-build.pub"), publicText);

        var secret = BuildKey.Secret(_temp.Path);

        Assert.Equal(Usign.ReadSecret(secretText, "mine").Key, secret.Key);
        Assert.Equal(Usign.ReadPublic(publicText, "mine").KeyId, BuildKey.Public(_temp.Path).KeyId);
        Assert.Equal(secretText, File.ReadAllText(_temp.In("key-build")));
    }

    [Fact]
    public void ATreeDirectoryThatIsNotThereYetIsMade()
    {
        var top = _temp.In("new/tree");

        BuildKey.Secret(top);

        Assert.True(File.Exists(Path.Combine(top, "key-build")));
        Assert.True(File.Exists(Path.Combine(top, "key-build.pub")));
    }

    [Fact]
    public void ThePublicKeyOfATreeWithoutKeysIsAnError()
    {
        var error = Assert.Throws<UserError>(() => BuildKey.Public(_temp.Path));

        Assert.Equal($"{_temp.In("key-build.pub")}: no public key (build or sign something first, which makes the key pair)", error.Message);
        Assert.Empty(_temp.Listing());
    }

    [Fact]
    public void APassphraseProtectedKeyBuildIsRefused()
    {
        var (secretText, _) = Usign.Generate("protected");
        var lines = secretText.Split('\n');
        var bytes = Convert.FromBase64String(lines[1]);
        bytes[7] = 1; // kdfrounds, big-endian: 1
        File.WriteAllText(_temp.In("key-build"), $"{lines[0]}\n{Convert.ToBase64String(bytes)}\n");

        var error = Assert.Throws<UserError>(() => BuildKey.Secret(_temp.Path));

        Assert.Equal("key-build: the secret key has a passphrase, which Kiln does not ask for", error.Message);
    }
}
