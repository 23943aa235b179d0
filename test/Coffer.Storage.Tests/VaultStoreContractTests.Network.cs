using Coffer.Core.Network;
using Coffer.Core.Vaults;

namespace Coffer.Storage.Tests;

/// <summary>A vault's network settings (networkAcls, publicNetworkAccess) survive the store.</summary>
public abstract partial class VaultStoreContractTests
{
    private static NetworkRuleSet Rules(NetworkDefaultAction action, NetworkBypass bypass, params string[] cidrs) =>
        new(action, bypass, cidrs.Select(c => IPv4Range.TryParse(c, out var range) ? range : throw new ArgumentException(c)).ToArray());

    [Fact]
    public async Task AddAsync_WithNetworkRules_ReadsThemBack()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var vault = new Vault(Guid.NewGuid(), "walled", Now, 90, false)
        {
            NetworkAcls = Rules(NetworkDefaultAction.Deny, NetworkBypass.None, "203.0.113.0/24", "127.0.0.1/32", "10.0.0.0/8"),
            PublicNetworkAccess = PublicNetworkAccess.Disabled,
        };

        // Act
        await store.AddAsync(vault, Ct);
        var read = await store.GetByNameAsync("walled", Ct);

        // Assert
        Assert.Equal(vault, read);
        Assert.Equal(["203.0.113.0/24", "127.0.0.1/32", "10.0.0.0/8"], read!.NetworkAcls.IPRules.Select(r => r.ToString()).ToArray()); // Equal above: found
    }

    [Fact]
    public async Task AddAsync_WithoutNetworkSettings_ReadsAzuresDefaults()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AddAsync(new Vault(Guid.NewGuid(), "plain", Now, 90, false), Ct);

        // Act
        var read = (await store.ListAsync(Ct)).Single();

        // Assert
        Assert.Equal(NetworkDefaultAction.Allow, read.NetworkAcls.DefaultAction);
        Assert.Equal(NetworkBypass.AzureServices, read.NetworkAcls.Bypass);
        Assert.Empty(read.NetworkAcls.IPRules);
        Assert.Equal(PublicNetworkAccess.Enabled, read.PublicNetworkAccess);
    }

    [Fact]
    public async Task UpdateAsync_NetworkSettings_ReplacesThemBothWays()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var vault = new Vault(Guid.NewGuid(), "toggled", Now, 90, false);
        await store.AddAsync(vault, Ct);
        var walled = vault with { NetworkAcls = Rules(NetworkDefaultAction.Deny, NetworkBypass.AzureServices, "198.51.100.7/32") };

        // Act
        await store.UpdateAsync("toggled", _ => walled, Ct);
        var afterWall = await store.GetByNameAsync("toggled", Ct);
        await store.UpdateAsync("toggled", _ => vault, Ct);
        var afterOpen = await store.GetByNameAsync("toggled", Ct);

        // Assert
        Assert.Equal(walled, afterWall);
        Assert.Equal(vault, afterOpen);
    }
}
