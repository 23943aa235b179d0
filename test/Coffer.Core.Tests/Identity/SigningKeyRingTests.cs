using System.Security.Cryptography;
using System.Text;
using Coffer.Core.Crypto;
using Coffer.Core.Identity;
using Coffer.Core.KeyRing;
using Coffer.Core.Tests.Abstractions;

namespace Coffer.Core.Tests.Identity;

public sealed class SigningKeyRingTests
{
    [Fact]
    public async Task LoadAsync_EmptyStore_CreatesOneWrappedKey()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var rootKey = new RootKey(RootKey.Generate(), "test");
        var store = new InMemorySigningKeyStore();
        using var ring = new SigningKeyRing(rootKey, store, TimeProvider.System);

        // Act
        await ring.LoadAsync(ct);

        // Assert
        var stored = Assert.Single(store.Keys);
        Assert.Equal(stored.KeyId, ring.Current.KeyId);
        var pkcs8 = ring.Current.Key.ExportPkcs8PrivateKey();
        Assert.Equal(-1, stored.WrappedPrivateKey.AsSpan().IndexOf(pkcs8.AsSpan(pkcs8.Length - 64)));
        Assert.True(ring.TryGetVerificationKey(stored.KeyId, out _));
        Assert.Single(ring.PublicKeys);
    }

    [Fact]
    public async Task LoadAsync_StoreWithKey_ReusesIt()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var bytes = RootKey.Generate();
        using var rootKey = new RootKey(bytes, "test");
        using var restartedRootKey = new RootKey(bytes, "test");
        var store = new InMemorySigningKeyStore();
        using var first = new SigningKeyRing(rootKey, store, TimeProvider.System);
        await first.LoadAsync(ct);
        using var second = new SigningKeyRing(restartedRootKey, store, TimeProvider.System);

        // Act
        await second.LoadAsync(ct);

        // Assert
        Assert.Single(store.Keys);
        Assert.Equal(first.Current.KeyId, second.Current.KeyId);
        Assert.Equal(first.Current.Key.ExportParameters(false).Modulus, second.Current.Key.ExportParameters(false).Modulus);
    }

    [Fact]
    public async Task TryValidate_TokenFromRingBeforeRestart_ReturnsTrue()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var bench = await TokenBench.CreateAsync(ct);
        var token = bench.IssueToken();
        using var restarted = new SigningKeyRing(bench.RootKey, bench.Store, bench.Time);
        await restarted.LoadAsync(ct);
        var validator = new TokenValidator(restarted, bench.Authority, bench.Credentials, bench.Time);

        // Act
        var ok = validator.TryValidate(token, TokenBench.Audience, out var principal, out var failure);

        // Assert
        Assert.True(ok, failure);
        Assert.Equal(bench.Identity.PrincipalId, principal.ObjectId);
    }

    [Fact]
    public async Task LoadAsync_StoreWrappedByOtherRootKey_Throws()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var rootKey = new RootKey(RootKey.Generate(), "test");
        using var otherRootKey = new RootKey(RootKey.Generate(), "test");
        var store = new InMemorySigningKeyStore();
        using var first = new SigningKeyRing(rootKey, store, TimeProvider.System);
        await first.LoadAsync(ct);
        using var second = new SigningKeyRing(otherRootKey, store, TimeProvider.System);

        // Act
        var exception = await Record.ExceptionAsync(() => second.LoadAsync(ct));

        // Assert
        Assert.IsAssignableFrom<CryptographicException>(exception);
    }

    [Fact]
    public void Current_BeforeLoad_Throws()
    {
        // Arrange
        using var rootKey = new RootKey(RootKey.Generate(), "test");
        using var ring = new SigningKeyRing(rootKey, new InMemorySigningKeyStore(), TimeProvider.System);

        // Act
        var exception = Record.Exception(() => ring.Current);

        // Assert
        Assert.IsType<InvalidOperationException>(exception);
    }

    [Fact]
    public async Task LoadAsync_NewKey_KeyIdIsRfc7638ThumbprintOfPublicKey()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var rootKey = new RootKey(RootKey.Generate(), "test");
        using var ring = new SigningKeyRing(rootKey, new InMemorySigningKeyStore(), TimeProvider.System);

        // Act
        await ring.LoadAsync(ct);

        // Assert
        var p = ring.Current.Key.ExportParameters(false);
        var json = $$"""{"e":"{{Base64Url.Encode(p.Exponent)}}","kty":"RSA","n":"{{Base64Url.Encode(p.Modulus)}}"}""";
        var expected = Base64Url.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(expected, ring.Current.KeyId);
    }
}
