using System.Text.Json;

namespace Coffer.Server.Tests.Cli;

/// <summary>
/// <c>coffer keyvault network-rule add|remove|list</c> and the firewall settings of create/update. Needs the server
/// side of <c>properties.networkAcls</c> (branch "firewall").
/// </summary>
public sealed class NetworkRuleCommandsTests(ClientCommandsTests.Fixture fixture) : IClassFixture<ClientCommandsTests.Fixture>
{
    private CliRunner Cli => fixture.Cli;

    [Fact]
    public async Task Add_List_Remove_KeepsTheOtherSettings()
    {
        // Arrange
        var name = "v" + Guid.NewGuid().ToString("N")[..10];
        await Cli.RunJsonAsync("keyvault", "create", "--name", name, "--default-action", "Deny", "--bypass", "None");

        // Act
        var added = await Cli.RunJsonAsync("keyvault", "network-rule", "add", "--name", name, "--ip-address", "203.0.113.0/24", "198.51.100.7");
        var listed = await Cli.RunJsonAsync("keyvault", "network-rule", "list", "--name", name);
        var removed = await Cli.RunJsonAsync("keyvault", "network-rule", "remove", "--name", name, "--ip-address", "203.0.113.0/24");
        var after = await Cli.RunJsonAsync("keyvault", "network-rule", "list", "-n", name);

        // Assert
        var acls = added.GetProperty("properties").GetProperty("networkAcls");
        Assert.Equal("Deny", acls.GetProperty("defaultAction").GetString());
        Assert.Equal("None", acls.GetProperty("bypass").GetString());
        Assert.Equal(["ipRules", "virtualNetworkRules"], listed.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["203.0.113.0/24", "198.51.100.7/32"], listed.GetProperty("ipRules").EnumerateArray().Select(r => r.GetProperty("value").GetString()));
        Assert.Equal(0, listed.GetProperty("virtualNetworkRules").GetArrayLength());
        Assert.Equal("Deny", removed.GetProperty("properties").GetProperty("networkAcls").GetProperty("defaultAction").GetString());
        Assert.Equal(["198.51.100.7/32"], after.GetProperty("ipRules").EnumerateArray().Select(r => r.GetProperty("value").GetString()));
    }

    [Fact]
    public async Task Update_DefaultActionDeny_LocksOutTheDataPlane_ButKeepsTheRules()
    {
        // Arrange
        var name = "v" + Guid.NewGuid().ToString("N")[..10];
        await Cli.RunJsonAsync("keyvault", "create", "--name", name);
        await Cli.RunJsonAsync("keyvault", "network-rule", "add", "--name", name, "--ip-address", "203.0.113.0/24");

        // Act
        var updated = await Cli.RunJsonAsync("keyvault", "update", "--name", name, "--default-action", "Deny", "--bypass", "None", "--public-network-access", "Enabled");
        var refused = await Cli.RunAsync("keyvault", "secret", "list", "--vault-name", name);

        // Assert
        var acls = updated.GetProperty("properties").GetProperty("networkAcls");
        Assert.Equal("Deny", acls.GetProperty("defaultAction").GetString());
        Assert.Equal("None", acls.GetProperty("bypass").GetString());
        Assert.Equal("203.0.113.0/24", acls.GetProperty("ipRules")[0].GetProperty("value").GetString());
        Assert.Equal("Enabled", updated.GetProperty("properties").GetProperty("publicNetworkAccess").GetString());
        Assert.Equal(1, refused.Exit);
        Assert.Contains("ForbiddenByFirewall", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_NewVault_ShowsEmptyRules()
    {
        // Arrange
        var name = "v" + Guid.NewGuid().ToString("N")[..10];
        await Cli.RunJsonAsync("keyvault", "create", "--name", name);

        // Act
        var listed = await Cli.RunJsonAsync("keyvault", "network-rule", "list", "--name", name);

        // Assert
        Assert.Equal(JsonValueKind.Array, listed.GetProperty("ipRules").ValueKind);
        Assert.Equal(0, listed.GetProperty("ipRules").GetArrayLength());
    }
}
