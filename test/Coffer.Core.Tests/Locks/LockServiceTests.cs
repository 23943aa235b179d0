using Coffer.Core.Errors;
using Coffer.Core.Locks;
using Coffer.Core.Tests.Abstractions;

namespace Coffer.Core.Tests.Locks;

/// <summary>Lock enforcement: CanNotDelete refuses deletes, ReadOnly every change, at the lock's scope and beneath it.</summary>
public sealed class LockServiceTests
{
    private const string Subscription = "/subscriptions/5d1b0c4e-2a55-4a40-8f3b-3b7e8f0a9c11";
    private const string Group = Subscription + "/resourceGroups/rg";
    private const string Vault = Group + "/providers/Microsoft.KeyVault/vaults/locked";
    private readonly LockService _locks = new(new InMemoryLockStore());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DemandDeletable_CanNotDeleteOnGroup_Throws409ScopeLockedNamingTheGroup()
    {
        // Arrange
        await _locks.PutAsync(new ManagementLock(Group, "keep", LockLevel.CanNotDelete), Ct);

        // Act
        var error = await Assert.ThrowsAsync<CofferException>(() => _locks.DemandDeletableAsync(Vault, Ct));

        // Assert
        Assert.Equal(409, error.Status);
        Assert.Equal("ScopeLocked", error.Code);
        Assert.Equal($"The scope '{Vault}' cannot perform delete operation because following scope(s) are locked: '{Group}'. Please remove the lock and try again.", error.Message);
    }

    [Fact]
    public async Task DemandWritable_CanNotDelete_Allows_ReadOnly_Refuses()
    {
        // Arrange
        await _locks.PutAsync(new ManagementLock(Vault, "no-delete", LockLevel.CanNotDelete), Ct);

        // Act
        await _locks.DemandWritableAsync(Vault, Ct);
        await _locks.PutAsync(new ManagementLock(Subscription, "freeze", LockLevel.ReadOnly), Ct);
        var error = await Assert.ThrowsAsync<CofferException>(() => _locks.DemandWritableAsync(Vault, Ct));

        // Assert
        Assert.Equal("ScopeLocked", error.Code);
        Assert.Contains("cannot perform write operation", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{Subscription}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demand_LockOnSiblingVault_DoesNotApply()
    {
        // Arrange
        await _locks.PutAsync(new ManagementLock(Vault, "freeze", LockLevel.ReadOnly), Ct);

        // Act
        await _locks.DemandDeletableAsync(Group + "/providers/Microsoft.KeyVault/vaults/locked2", Ct);
        await _locks.DemandWritableAsync(Group, Ct);

        // Assert
        Assert.Single(await _locks.ListRelatedAsync(Group, Ct));
        Assert.Empty(await _locks.ListRelatedAsync(Group + "/providers/Microsoft.KeyVault/vaults/other", Ct));
    }
}
