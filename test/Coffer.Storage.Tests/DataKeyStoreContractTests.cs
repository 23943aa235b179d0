using System.Security.Cryptography;
using Coffer.Core.Abstractions;
using Coffer.Core.KeyRing;

namespace Coffer.Storage.Tests;

public abstract class DataKeyStoreContractTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<IDataKeyStore> CreateStoreAsync();

    [Fact]
    public async Task GetForVaultAsync_SeveralKeys_ReturnsThatVaultsKeysOldestFirst()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var vaultId = Guid.NewGuid();
        var newer = NewKey(vaultId, Now.AddDays(30));
        var older = NewKey(vaultId, Now);
        var sameSecondAsNewer = NewKey(vaultId, Now.AddDays(30));
        await store.AddAsync(newer, Ct);
        await store.AddAsync(older, Ct);
        await store.AddAsync(sameSecondAsNewer, Ct);
        await store.AddAsync(NewKey(Guid.NewGuid(), Now), Ct);

        // Act
        var keys = await store.GetForVaultAsync(vaultId, Ct);

        // Assert
        Assert.Equal([older.Id, newer.Id, sameSecondAsNewer.Id], keys.Select(k => k.Id).ToArray());
        Assert.All(keys, k => Assert.Equal(vaultId, k.VaultId));
        Assert.Equal(older.Wrapped, keys[0].Wrapped);
        Assert.Equal(older.Created, keys[0].Created);
    }

    [Fact]
    public async Task GetForVaultAsync_UnknownVault_ReturnsEmpty()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AddAsync(NewKey(Guid.NewGuid(), Now), Ct);

        // Act
        var keys = await store.GetForVaultAsync(Guid.NewGuid(), Ct);

        // Assert
        Assert.Empty(keys);
    }

    private static WrappedDataKey NewKey(Guid vaultId, DateTimeOffset created) =>
        new(Guid.NewGuid(), vaultId, RandomNumberGenerator.GetBytes(60), created);
}
