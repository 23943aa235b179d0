using Coffer.Core.Abstractions;
using Coffer.Core.Authorization;
using Coffer.Core.Vaults;

namespace Coffer.Storage.Tests;

public abstract partial class VaultStoreContractTests
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

    [Fact]
    public async Task UpdateAsync_Existing_KeepsNameGroupAndCreationAndReplacesTheRest()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var vault = new Vault(Guid.NewGuid(), "team-vault", Now, 90, PurgeProtection: false) { ResourceGroup = "Team-RG", Location = "westeurope" };
        await store.AddAsync(vault, Ct);
        var policy = new AccessPolicy(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new AccessPolicyPermissions(["get"], ["Get", "List"], [], ["all"]));
        var changed = vault with
        {
            RetentionDays = 30,
            PurgeProtection = true,
            Location = "northeurope",
            Sku = "premium",
            Tags = new Dictionary<string, string> { ["env"] = "prod" },
            EnableRbacAuthorization = false,
            AccessPolicies = [policy, policy with { ApplicationId = null }],
        };

        // Act
        var updated = await store.UpdateAsync("TEAM-VAULT", _ => changed with { Id = Guid.NewGuid(), Name = "renamed", ResourceGroup = "other" }, Ct);
        var read = await store.GetByNameAsync("team-vault", Ct);

        // Assert: what the change may not touch (id, name, resource group) stays
        Assert.Equal(changed, updated);
        Assert.Equal(changed, read);
        Assert.Equal("Team-RG", read!.ResourceGroup); // Equal above: found
    }

    [Fact]
    public async Task UpdateAsync_ConcurrentChanges_NoneIsLost()
    {
        // Arrange: every change adds its own tag to the vault it is given; a change made on a stale read drops the
        // tags of those that committed meanwhile. On PostgreSQL each runs on its own pooled connection, as nodes do.
        var store = await CreateStoreAsync();
        await store.AddAsync(new Vault(Guid.NewGuid(), "busy", Now, 90, PurgeProtection: false), Ct);
        const int Writers = 16;

        // Act
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(
            () => store.UpdateAsync("busy", vault => vault with { Tags = new Dictionary<string, string>(vault.Tags) { [$"writer-{i}"] = "was here" } }, Ct),
            Ct)));
        var read = await store.GetByNameAsync("busy", Ct);

        // Assert
        Assert.Equal(Enumerable.Range(0, Writers).Select(i => $"writer-{i}").Order(), read!.Tags.Keys.Order());
    }

    [Fact]
    public async Task UpdateAsync_ChangeThrows_NothingWrittenAndTheVaultStillUpdatable()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var vault = new Vault(Guid.NewGuid(), "strict", Now, 90, PurgeProtection: false);
        await store.AddAsync(vault, Ct);

        // Act
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.UpdateAsync("strict", _ => throw new InvalidOperationException("refused"), Ct));
        var unchanged = await store.GetByNameAsync("strict", Ct);
        var updated = await store.UpdateAsync("strict", v => v with { Sku = "premium" }, Ct);

        // Assert
        Assert.Equal(vault, unchanged);
        Assert.Equal("premium", updated!.Sku);
    }

    [Fact]
    public async Task UpdateAsync_UnknownName_ReturnsNullWithoutCallingTheChange()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var called = false;

        // Act
        var updated = await store.UpdateAsync("nobody", vault =>
        {
            called = true;
            return vault;
        }, Ct);

        // Assert
        Assert.Null(updated);
        Assert.False(called);
        Assert.Null(await store.GetByNameAsync("nobody", Ct));
    }
}
