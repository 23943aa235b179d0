using Coffer.Core.Abstractions;
using Coffer.Core.Locks;

namespace Coffer.Storage.Tests;

/// <summary>Management locks: one per scope and name, both compared case-insensitively.</summary>
public abstract class LockStoreContractTests
{
    private const string Group = "/subscriptions/5d1b0c4e-2a55-4a40-8f3b-3b7e8f0a9c11/resourceGroups/rg";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<ILockStore> CreateStoreAsync();

    [Fact]
    public async Task PutAsync_NewThenSameScopeAndNameInOtherCasing_CreatesThenReplaces()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var first = new ManagementLock(Group, "keep", LockLevel.CanNotDelete) { Notes = "prod", Owners = ["app-1", "app-2"] };
        var second = new ManagementLock(Group.ToUpperInvariant(), "KEEP", LockLevel.ReadOnly);

        // Act
        var created = await store.PutAsync(first, Ct);
        var stored = await store.GetAsync(Group, "Keep", Ct);
        var createdAgain = await store.PutAsync(second, Ct);

        // Assert
        Assert.True(created);
        Assert.Equal(first, stored);
        Assert.False(createdAgain);
        var replaced = Assert.Single(await store.ListAsync(Ct));
        Assert.Equal(LockLevel.ReadOnly, replaced.Level);
        Assert.Null(replaced.Notes);
        Assert.Empty(replaced.Owners);
    }

    [Fact]
    public async Task DeleteAsync_ExistingThenAgain_TrueThenFalse()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.PutAsync(new ManagementLock(Group, "temp", LockLevel.CanNotDelete), Ct);
        await store.PutAsync(new ManagementLock(Group + "/providers/Microsoft.KeyVault/vaults/v1", "temp", LockLevel.ReadOnly), Ct);

        // Act
        var deleted = await store.DeleteAsync(Group, "temp", Ct);
        var again = await store.DeleteAsync(Group, "temp", Ct);

        // Assert
        Assert.True(deleted);
        Assert.False(again);
        Assert.Null(await store.GetAsync(Group, "temp", Ct));
        Assert.Equal(LockLevel.ReadOnly, Assert.Single(await store.ListAsync(Ct)).Level);
    }
}
