using System.Security.Cryptography;
using Coffer.Core.Abstractions;
using Coffer.Core.Identity;

namespace Coffer.Storage.Tests;

public abstract class SigningKeyStoreContractTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<ISigningKeyStore> CreateStoreAsync();

    [Fact]
    public async Task ListAsync_Empty_ReturnsEmpty()
    {
        // Arrange
        var store = await CreateStoreAsync();

        // Act
        var keys = await store.ListAsync(Ct);

        // Assert
        Assert.Empty(keys);
    }

    [Fact]
    public async Task ListAsync_SeveralKeys_ReturnsOldestFirst()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var newer = new StoredSigningKey("key-2", RandomNumberGenerator.GetBytes(100), Now.AddDays(30));
        var older = new StoredSigningKey("key-1", RandomNumberGenerator.GetBytes(100), Now);
        await store.AddAsync(newer, Ct);
        await store.AddAsync(older, Ct);

        // Act
        var keys = await store.ListAsync(Ct);

        // Assert
        Assert.Equal(["key-1", "key-2"], keys.Select(k => k.KeyId).ToArray());
        Assert.Equal(older.WrappedPrivateKey, keys[0].WrappedPrivateKey);
        Assert.Equal(older.Created, keys[0].Created);
        Assert.Equal(newer.WrappedPrivateKey, keys[1].WrappedPrivateKey);
    }
}
