using System.Security.Cryptography;
using System.Text;
using Coffer.Core.Crypto;
using Coffer.Core.KeyRing;
using Coffer.Core.Tests.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Core.Tests.KeyRing;

public sealed class VaultKeyRingTests : IDisposable
{
    private readonly RootKey _rootKey = new(RootKey.Generate(), "test");
    private readonly InMemoryDataKeyStore _store = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 7, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task DecryptAsync_EncryptedForSameObject_ReturnsPlaintext()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var ring = NewRing();
        var vaultId = Guid.NewGuid();
        await ring.CreateDataKeyAsync(vaultId, ct);
        var aad = ObjectAad.For(vaultId, "secret", "db-password", "0123456789abcdef0123456789abcdef");
        var sealedBytes = await ring.EncryptAsync(vaultId, aad, Encoding.UTF8.GetBytes("hunter2"), ct);

        // Act
        var plaintext = await ring.DecryptAsync(vaultId, aad, sealedBytes, ct);

        // Assert
        Assert.Equal("hunter2", Encoding.UTF8.GetString(plaintext));
    }

    [Fact]
    public async Task EncryptAsync_VaultWithoutKey_CreatesAndStoresOneKey()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var ring = NewRing();
        var vaultId = Guid.NewGuid();
        var aad = ObjectAad.For(vaultId, "secret", "a", "v1");

        // Act
        var first = await ring.EncryptAsync(vaultId, aad, Encoding.UTF8.GetBytes("one"), ct);
        var second = await ring.EncryptAsync(vaultId, aad, Encoding.UTF8.GetBytes("two"), ct);

        // Assert
        var key = Assert.Single(_store.Keys);
        Assert.Equal(vaultId, key.VaultId);
        Assert.Equal(_time.GetUtcNow(), key.Created);
        Assert.Equal(key.Id, Envelope.ReadKeyId(first));
        Assert.Equal(key.Id, Envelope.ReadKeyId(second));
    }

    [Fact]
    public async Task DecryptAsync_OtherVaultWithSameAad_Throws()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var ring = NewRing();
        var vaultA = Guid.NewGuid();
        var vaultB = Guid.NewGuid();
        await ring.CreateDataKeyAsync(vaultA, ct);
        await ring.CreateDataKeyAsync(vaultB, ct);
        var aadA = ObjectAad.For(vaultA, "secret", "shared-name", "0123456789abcdef0123456789abcdef");
        var sealedBytes = await ring.EncryptAsync(vaultA, aadA, Encoding.UTF8.GetBytes("vault A only"), ct);

        // Act
        var withAadOfA = await Record.ExceptionAsync(async () => await ring.DecryptAsync(vaultB, aadA, sealedBytes, ct));
        var withAadOfB = await Record.ExceptionAsync(async () =>
            await ring.DecryptAsync(vaultB, ObjectAad.For(vaultB, "secret", "shared-name", "0123456789abcdef0123456789abcdef"), sealedBytes, ct));

        // Assert
        Assert.IsAssignableFrom<CryptographicException>(withAadOfA);
        Assert.IsAssignableFrom<CryptographicException>(withAadOfB);
    }

    [Fact]
    public async Task DecryptAsync_OtherVaultOnFreshRing_Throws()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var vaultA = Guid.NewGuid();
        var vaultB = Guid.NewGuid();
        var writer = NewRing();
        await writer.CreateDataKeyAsync(vaultA, ct);
        await writer.CreateDataKeyAsync(vaultB, ct);
        var aad = ObjectAad.For(vaultA, "secret", "shared-name", "v1");
        var sealedBytes = await writer.EncryptAsync(vaultA, aad, Encoding.UTF8.GetBytes("vault A only"), ct);
        var reader = NewRing();

        // Act
        var exception = await Record.ExceptionAsync(async () => await reader.DecryptAsync(vaultB, aad, sealedBytes, ct));

        // Assert
        Assert.IsAssignableFrom<CryptographicException>(exception);
    }

    [Theory]
    [InlineData("secret", "other-name", "0123456789abcdef0123456789abcdef")]
    [InlineData("secret", "db-password", "fedcba9876543210fedcba9876543210")]
    [InlineData("key", "db-password", "0123456789abcdef0123456789abcdef")]
    public async Task DecryptAsync_OtherKindNameOrVersion_Throws(string kind, string name, string version)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var ring = NewRing();
        var vaultId = Guid.NewGuid();
        var aad = ObjectAad.For(vaultId, "secret", "db-password", "0123456789abcdef0123456789abcdef");
        var sealedBytes = await ring.EncryptAsync(vaultId, aad, Encoding.UTF8.GetBytes("hunter2"), ct);

        // Act
        var exception = await Record.ExceptionAsync(async () => await ring.DecryptAsync(vaultId, ObjectAad.For(vaultId, kind, name, version), sealedBytes, ct));

        // Assert
        Assert.IsAssignableFrom<CryptographicException>(exception);
    }

    [Fact]
    public async Task DecryptAsync_NewRingOverSameStoreAndRootKey_ReturnsPlaintext()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var vaultId = Guid.NewGuid();
        var aad = ObjectAad.For(vaultId, "secret", "db-password", "v1");
        var before = NewRing();
        await before.CreateDataKeyAsync(vaultId, ct);
        var sealedBytes = await before.EncryptAsync(vaultId, aad, Encoding.UTF8.GetBytes("survives restart"), ct);
        var after = NewRing();

        // Act
        var plaintext = await after.DecryptAsync(vaultId, aad, sealedBytes, ct);

        // Assert
        Assert.Equal("survives restart", Encoding.UTF8.GetString(plaintext));
        Assert.Single(_store.Keys);
    }

    [Fact]
    public async Task EncryptAsync_NewRingOverSameStore_ReusesStoredKey()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var vaultId = Guid.NewGuid();
        var aad = ObjectAad.For(vaultId, "secret", "a", "v1");
        var created = await NewRing().CreateDataKeyAsync(vaultId, ct);

        // Act
        var sealedBytes = await NewRing().EncryptAsync(vaultId, aad, Encoding.UTF8.GetBytes("x"), ct);

        // Assert
        Assert.Equal(created.Id, Envelope.ReadKeyId(sealedBytes));
        Assert.Single(_store.Keys);
    }

    [Fact]
    public async Task CreateDataKeyAsync_Always_StoresKeyWrappedNeverRaw()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var vaultId = Guid.NewGuid();

        // Act
        var dataKey = await NewRing().CreateDataKeyAsync(vaultId, ct);

        // Assert
        var stored = Assert.Single(_store.Keys);
        Assert.Equal(dataKey.Id, stored.Id);
        Assert.Equal(32, dataKey.Key.Length);
        Assert.Equal(-1, stored.Wrapped.AsSpan().IndexOf(dataKey.Key));
        Assert.Equal(-1, stored.Wrapped.AsSpan().IndexOf(dataKey.Key.AsSpan(0, 8)));
        Assert.Equal(_rootKey.Id, Envelope.ReadKeyId(stored.Wrapped));
    }

    [Fact]
    public async Task DecryptAsync_NewRingWithOtherRootKey_Throws()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var vaultId = Guid.NewGuid();
        var aad = ObjectAad.For(vaultId, "secret", "a", "v1");
        var sealedBytes = await NewRing().EncryptAsync(vaultId, aad, Encoding.UTF8.GetBytes("x"), ct);
        using var otherRootKey = new RootKey(RootKey.Generate(), "test");
        var other = new VaultKeyRing(otherRootKey, _store, _time);

        // Act
        var exception = await Record.ExceptionAsync(async () => await other.DecryptAsync(vaultId, aad, sealedBytes, ct));

        // Assert
        Assert.IsAssignableFrom<CryptographicException>(exception);
    }

    [Fact]
    public async Task DecryptAsync_KeyFromSecondDataKeyOfVault_ReturnsPlaintext()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var vaultId = Guid.NewGuid();
        var aad = ObjectAad.For(vaultId, "secret", "a", "v1");
        var ring = NewRing();
        await ring.CreateDataKeyAsync(vaultId, ct);
        var old = await ring.EncryptAsync(vaultId, aad, Encoding.UTF8.GetBytes("old"), ct);
        _time.Advance(TimeSpan.FromDays(1));
        var second = await ring.CreateDataKeyAsync(vaultId, ct);
        var current = await ring.EncryptAsync(vaultId, aad, Encoding.UTF8.GetBytes("new"), ct);
        var fresh = NewRing();

        // Act
        var oldPlain = await fresh.DecryptAsync(vaultId, aad, old, ct);
        var newPlain = await fresh.DecryptAsync(vaultId, aad, current, ct);
        var reEncrypted = await fresh.EncryptAsync(vaultId, aad, Encoding.UTF8.GetBytes("x"), ct);

        // Assert
        Assert.Equal("old", Encoding.UTF8.GetString(oldPlain));
        Assert.Equal("new", Encoding.UTF8.GetString(newPlain));
        Assert.Equal(second.Id, Envelope.ReadKeyId(current));
        Assert.Equal(second.Id, Envelope.ReadKeyId(reEncrypted));
    }

    public void Dispose() => _rootKey.Dispose();

    private VaultKeyRing NewRing() => new(_rootKey, _store, _time);
}
