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
    public async Task ListAsync_SeveralKeys_ReturnsByActivation()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var newer = new StoredSigningKey("key-2", RandomNumberGenerator.GetBytes(100), Now.AddDays(29), Now.AddDays(30));
        var older = new StoredSigningKey("key-1", RandomNumberGenerator.GetBytes(100), Now, Now);
        await store.AddAsync(newer, Ct);
        await store.AddAsync(older, Ct);

        // Act
        var keys = await store.ListAsync(Ct);

        // Assert
        Assert.Equal(["key-1", "key-2"], keys.Select(k => k.KeyId).ToArray());
        Assert.Equal(older.WrappedPrivateKey, keys[0].WrappedPrivateKey);
        Assert.Equal(older.Created, keys[0].Created);
        Assert.Equal(older.Activates, keys[0].Activates);
        Assert.Equal(newer.WrappedPrivateKey, keys[1].WrappedPrivateKey);
        Assert.Equal(newer.Created, keys[1].Created);
        Assert.Equal(newer.Activates, keys[1].Activates);
    }

    [Fact]
    public async Task DeleteAsync_KnownKey_RemovesOnlyIt()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AddAsync(new StoredSigningKey("old", RandomNumberGenerator.GetBytes(100), Now, Now), Ct);
        await store.AddAsync(new StoredSigningKey("new", RandomNumberGenerator.GetBytes(100), Now, Now.AddDays(1)), Ct);

        // Act
        var deleted = await store.DeleteAsync("old", Ct);
        var again = await store.DeleteAsync("old", Ct);

        // Assert
        Assert.True(deleted);
        Assert.False(again);
        Assert.Equal(["new"], (await store.ListAsync(Ct)).Select(k => k.KeyId).ToArray());
    }
}
