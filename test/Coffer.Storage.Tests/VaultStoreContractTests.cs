using Coffer.Core.Abstractions;
using Coffer.Core.Vaults;

namespace Coffer.Storage.Tests;

public abstract class VaultStoreContractTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<IVaultStore> CreateStoreAsync();

    [Fact]
    public async Task AddAsync_NewName_IsFoundByAnyCasing()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var vault = new Vault(Guid.NewGuid(), "Team-Vault", Now, 30, PurgeProtection: true);

        // Act
        var added = await store.AddAsync(vault, Ct);
        var found = await store.GetByNameAsync("team-VAULT", Ct);

        // Assert
        Assert.True(added);
        Assert.Equal(vault, found);
    }

    [Fact]
    public async Task AddAsync_NameTakenInOtherCasing_ReturnsFalse()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var first = new Vault(Guid.NewGuid(), "shared", Now, 90, PurgeProtection: false);
        await store.AddAsync(first, Ct);

        // Act
        var added = await store.AddAsync(new Vault(Guid.NewGuid(), "SHARED", Now, 7, PurgeProtection: false), Ct);

        // Assert
        Assert.False(added);
        Assert.Equal(first, await store.GetByNameAsync("shared", Ct));
    }

    [Fact]
    public async Task GetByNameAsync_Unknown_ReturnsNull()
    {
        // Arrange
        var store = await CreateStoreAsync();

        // Act
        var found = await store.GetByNameAsync("nowhere", Ct);

        // Assert
        Assert.Null(found);
    }

    [Fact]
    public async Task ListAsync_SeveralVaults_ReturnsAllByName()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var vaults = new[] { "charlie", "Alpha", "bravo" }.Select(n => new Vault(Guid.NewGuid(), n, Now, 90, false)).ToArray();
        foreach (var vault in vaults)
        {
            await store.AddAsync(vault, Ct);
        }

        // Act
        var listed = await store.ListAsync(Ct);

        // Assert
        Assert.Equal(["Alpha", "bravo", "charlie"], listed.Select(v => v.Name).ToArray());
        Assert.Equal(vaults.OrderBy(v => v.Name, StringComparer.OrdinalIgnoreCase), listed);
    }
}
