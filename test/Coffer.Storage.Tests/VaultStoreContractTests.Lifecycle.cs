using Coffer.Core.Vaults;

namespace Coffer.Storage.Tests;

/// <summary>Soft delete, recovery and purge of vaults: a deleted vault leaves the live reads but keeps its name.</summary>
public abstract partial class VaultStoreContractTests
{
    [Fact]
    public async Task DeleteAsync_LiveVault_LeavesLiveReadsAndIsFoundDeleted()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var vault = new Vault(Guid.NewGuid(), "gone-soon", Now, 7, PurgeProtection: true);
        await store.AddAsync(vault, Ct);

        // Act
        var deleted = await store.DeleteAsync(vault.Id, Now.AddHours(1), Now.AddDays(7), Ct);

        // Assert
        Assert.True(deleted);
        Assert.Null(await store.GetByNameAsync("gone-soon", Ct));
        Assert.DoesNotContain(await store.ListAsync(Ct), v => v.Id == vault.Id);
        var found = await store.GetDeletedAsync("GONE-soon", Ct);
        Assert.Equal(new DeletedVault(vault, Now.AddHours(1), Now.AddDays(7)), found);
        Assert.Equal([vault.Id], (await store.ListDeletedAsync(Ct)).Select(d => d.Vault.Id));
    }

    [Fact]
    public async Task AddAsync_NameOfDeletedVault_ReturnsFalse()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var vault = new Vault(Guid.NewGuid(), "reserved", Now, 7, PurgeProtection: false);
        await store.AddAsync(vault, Ct);
        await store.DeleteAsync(vault.Id, Now, Now.AddDays(7), Ct);

        // Act
        var added = await store.AddAsync(new Vault(Guid.NewGuid(), "Reserved", Now, 90, PurgeProtection: false), Ct);

        // Assert
        Assert.False(added);
        Assert.Null(await store.GetByNameAsync("reserved", Ct));
    }

    [Fact]
    public async Task UpdateAndDeleteAsync_DeletedVault_ReturnFalse()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var vault = new Vault(Guid.NewGuid(), "frozen", Now, 7, PurgeProtection: false);
        await store.AddAsync(vault, Ct);
        await store.DeleteAsync(vault.Id, Now, Now.AddDays(7), Ct);

        // Act
        var updated = await store.UpdateAsync("frozen", v => v with { Sku = "premium" }, Ct);
        var deletedAgain = await store.DeleteAsync(vault.Id, Now.AddDays(1), Now.AddDays(8), Ct);

        // Assert
        Assert.Null(updated);
        Assert.False(deletedAgain);
        Assert.Equal(new DeletedVault(vault, Now, Now.AddDays(7)), await store.GetDeletedAsync("frozen", Ct));
    }

    [Fact]
    public async Task RecoverAsync_DeletedVault_IsLiveAgainAsItWas()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var vault = new Vault(Guid.NewGuid(), "comeback", Now, 30, PurgeProtection: true) { Tags = new Dictionary<string, string> { ["env"] = "prod" } };
        await store.AddAsync(vault, Ct);
        await store.DeleteAsync(vault.Id, Now, Now.AddDays(30), Ct);

        // Act
        var recovered = await store.RecoverAsync(vault.Id, Ct);
        var again = await store.RecoverAsync(vault.Id, Ct);

        // Assert
        Assert.True(recovered);
        Assert.False(again);
        Assert.Equal(vault, await store.GetByNameAsync("comeback", Ct));
        Assert.Null(await store.GetDeletedAsync("comeback", Ct));
    }

    [Fact]
    public async Task PurgeAsync_OnlyDeletedVaults_FreesTheName()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var live = new Vault(Guid.NewGuid(), "still-here", Now, 7, PurgeProtection: false);
        var deleted = new Vault(Guid.NewGuid(), "purge-me", Now, 7, PurgeProtection: false);
        await store.AddAsync(live, Ct);
        await store.AddAsync(deleted, Ct);
        await store.DeleteAsync(deleted.Id, Now, Now.AddDays(7), Ct);

        // Act
        var purgedLive = await store.PurgeAsync(live.Id, Ct);
        var purged = await store.PurgeAsync(deleted.Id, Ct);
        var reused = await store.AddAsync(new Vault(Guid.NewGuid(), "purge-me", Now, 90, PurgeProtection: false), Ct);

        // Assert
        Assert.False(purgedLive);
        Assert.True(purged);
        Assert.True(reused);
        Assert.Equal(live, await store.GetByNameAsync("still-here", Ct));
        Assert.Empty(await store.ListDeletedAsync(Ct));
    }
}
