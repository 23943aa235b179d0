using Coffer.Core.Errors;
using Coffer.Core.KeyRing;
using Coffer.Core.Tests.Abstractions;
using Coffer.Core.Vaults;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Core.Tests.Vaults;

/// <summary>The vault lifecycle in <see cref="VaultDirectory"/>: soft delete, recover, purge, purge protection and the purge job's pass.</summary>
public sealed class VaultLifecycleTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 7, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private readonly InMemoryVaultStore _vaults = new();
    private readonly VaultDirectory _directory;

    public VaultLifecycleTests() =>
        _directory = new VaultDirectory(_vaults, new VaultKeyRing(new RootKey(RootKey.Generate(), "test"), new InMemoryDataKeyStore(), _time), _time);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeleteAsync_LiveVault_IsNotFoundButListedDeletedWithItsPurgeDate()
    {
        // Arrange
        await _directory.CreateAsync(NewVault("orders", 7, purgeProtection: false), Ct);
        await _directory.FindAsync("orders", Ct); // cached

        // Act
        var deleted = await _directory.DeleteAsync("orders", Ct);

        // Assert
        Assert.NotNull(deleted);
        Assert.Equal(Now, deleted.Deleted);
        Assert.Equal(Now.AddDays(7), deleted.ScheduledPurge);
        Assert.Null(await _directory.FindAsync("orders", Ct));
        Assert.Equal("orders", Assert.Single(await _directory.ListDeletedAsync(Ct)).Vault.Name);
        Assert.Null(await _directory.DeleteAsync("orders", Ct));
    }

    [Fact]
    public async Task CreateAsync_NameOfDeletedVault_Throws409ConflictError()
    {
        // Arrange
        await _directory.CreateAsync(NewVault("taken", 7, purgeProtection: false), Ct);
        await _directory.DeleteAsync("taken", Ct);

        // Act
        var error = await Assert.ThrowsAsync<CofferException>(() => _directory.CreateAsync(NewVault("TAKEN", 90, purgeProtection: false), Ct));

        // Assert
        Assert.Equal(409, error.Status);
        Assert.Equal("ConflictError", error.Code);
    }

    [Fact]
    public async Task RecoverAsync_DeletedVault_IsFoundAgainAsItWas()
    {
        // Arrange
        var vault = await _directory.CreateAsync(NewVault("back", 30, purgeProtection: true), Ct);
        await _directory.DeleteAsync("back", Ct);

        // Act
        var recovered = await _directory.RecoverAsync("back", Ct);

        // Assert
        Assert.Equal(vault, recovered);
        Assert.Equal(vault, await _directory.FindAsync("back", Ct));
        Assert.Empty(await _directory.ListDeletedAsync(Ct));
        Assert.Null(await _directory.RecoverAsync("back", Ct));
    }

    [Fact]
    public async Task PurgeAsync_PurgeProtectedBeforeScheduledDate_Throws405AndKeepsIt()
    {
        // Arrange
        await _directory.CreateAsync(NewVault("guarded", 7, purgeProtection: true), Ct);
        await _directory.DeleteAsync("guarded", Ct);
        _time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));

        // Act
        var error = await Assert.ThrowsAsync<CofferException>(() => _directory.PurgeAsync("guarded", Ct));

        // Assert
        Assert.Equal(405, error.Status);
        Assert.Equal("MethodNotAllowed", error.Code);
        Assert.Equal("Operation 'DeletedVaultPurge' is not allowed.", error.Message);
        Assert.NotNull(await _directory.GetDeletedAsync("guarded", Ct));
    }

    [Fact]
    public async Task PurgeAsync_Unprotected_FreesTheName()
    {
        // Arrange
        await _directory.CreateAsync(NewVault("scratch", 7, purgeProtection: false), Ct);
        await _directory.DeleteAsync("scratch", Ct);

        // Act
        var purged = await _directory.PurgeAsync("scratch", Ct);
        var again = await _directory.PurgeAsync("scratch", Ct);

        // Assert
        Assert.True(purged);
        Assert.False(again);
        Assert.Equal("scratch", (await _directory.CreateAsync(NewVault("scratch", 7, purgeProtection: false), Ct)).Name);
    }

    [Fact]
    public async Task PurgeDueAsync_PurgesOnlyVaultsPastTheirScheduledDate()
    {
        // Arrange
        await _directory.CreateAsync(NewVault("short", 7, purgeProtection: true), Ct);
        await _directory.CreateAsync(NewVault("long", 30, purgeProtection: false), Ct);
        await _directory.DeleteAsync("short", Ct);
        await _directory.DeleteAsync("long", Ct);

        // Act
        _time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        var early = await _directory.PurgeDueAsync(Ct);
        _time.Advance(TimeSpan.FromSeconds(1));
        var due = await _directory.PurgeDueAsync(Ct);

        // Assert
        Assert.Equal(0, early);
        Assert.Equal(1, due);
        Assert.Equal("long", Assert.Single(await _directory.ListDeletedAsync(Ct)).Vault.Name);
    }

    [Fact]
    public async Task UpdateAsync_RetentionChange_Throws400AndKeepsIt()
    {
        // Arrange
        await _directory.CreateAsync(NewVault("fixed", 7, purgeProtection: false), Ct);

        // Act
        var error = await Assert.ThrowsAsync<CofferException>(() => _directory.UpdateAsync("fixed", v => v with { RetentionDays = 30 }, Ct));

        // Assert
        Assert.Equal(400, error.Status);
        Assert.Equal("The property \"softDeleteRetentionInDays\" has been set already and it can't be modified.", error.Message);
        Assert.Equal(7, (await _directory.FindAsync("fixed", Ct))!.RetentionDays); // created above
    }

    public void Dispose() => _directory.Dispose();

    private Vault NewVault(string name, int retentionDays, bool purgeProtection) => new(Guid.NewGuid(), name, _time.GetUtcNow(), retentionDays, purgeProtection);
}
