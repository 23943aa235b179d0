using Coffer.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Tests.Cli;

/// <summary><c>coffer lock create|show|list|delete</c>. Needs the server side of management locks (branch "vaults").</summary>
public sealed class LockCommandsTests(ClientCommandsTests.Fixture fixture) : IClassFixture<ClientCommandsTests.Fixture>
{
    private CliRunner Cli => fixture.Cli;

    private string Subscription => fixture.Server.Services.GetRequiredService<Deployment>().SubscriptionId.ToString("D");

    [Fact]
    public async Task CanNotDelete_OnAVault_RefusesItsDeletion_UntilRemoved()
    {
        // Arrange
        var name = "v" + Guid.NewGuid().ToString("N")[..10];
        var vault = await Cli.RunJsonAsync("keyvault", "create", "--name", name);

        // Act
        var created = await Cli.RunJsonAsync("lock", "create", "--name", "keep", "--lock-type", "CanNotDelete",
            "--resource", name, "--resource-type", "Microsoft.KeyVault/vaults", "--notes", "production");
        var shown = await Cli.RunJsonAsync("lock", "show", "--name", "keep", "--resource", name, "--resource-type", "Microsoft.KeyVault/vaults");
        var listed = await Cli.RunJsonAsync("lock", "list", "--resource", name, "--resource-type", "Microsoft.KeyVault/vaults", "-g", "coffer");
        var refused = await Cli.RunAsync("keyvault", "delete", "--name", name);
        var removed = await Cli.RunAsync("lock", "delete", "--name", "keep", "--resource", name, "--resource-type", "Microsoft.KeyVault/vaults");
        var deleted = await Cli.RunAsync("keyvault", "delete", "--name", name);

        // Assert
        Assert.Equal(["id", "level", "name", "notes", "owners", "resourceGroup", "type"], created.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(vault.GetProperty("id").GetString() + "/providers/Microsoft.Authorization/locks/keep", created.GetProperty("id").GetString());
        Assert.Equal("CanNotDelete", created.GetProperty("level").GetString());
        Assert.Equal("production", created.GetProperty("notes").GetString());
        Assert.Equal("coffer", created.GetProperty("resourceGroup").GetString());
        Assert.Equal("Microsoft.Authorization/locks", created.GetProperty("type").GetString());
        Assert.Equal(created.GetProperty("id").GetString(), shown.GetProperty("id").GetString());
        Assert.Contains(listed.EnumerateArray(), l => l.GetProperty("name").GetString() == "keep");
        Assert.Equal(1, refused.Exit);
        Assert.Contains("Code: ScopeLocked", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, removed.Exit);
        Assert.Equal(0, deleted.Exit);
    }

    [Fact]
    public async Task ReadOnly_OnAResourceGroup_IsInheritedByItsVaults()
    {
        // Arrange
        var group = "locked-" + Guid.NewGuid().ToString("N")[..6];
        var name = "v" + Guid.NewGuid().ToString("N")[..10];
        await Cli.RunJsonAsync("keyvault", "create", "--name", name, "-g", group);

        // Act
        var created = await Cli.RunJsonAsync("lock", "create", "-n", "frozen", "-t", "ReadOnly", "-g", group);
        var atVault = await Cli.RunJsonAsync("lock", "list", "--resource", name, "--resource-type", "Microsoft.KeyVault/vaults");
        var refused = await Cli.RunAsync("keyvault", "update", "--name", name, "--tags", "a=b");
        var inSubscription = await Cli.RunJsonAsync("lock", "list");
        await Cli.RunAsync("lock", "delete", "--ids", created.GetProperty("id").GetString()!);
        var allowed = await Cli.RunAsync("keyvault", "update", "--name", name, "--tags", "a=b");

        // Assert
        Assert.Equal($"/subscriptions/{Subscription}/resourceGroups/{group}/providers/Microsoft.Authorization/locks/frozen", created.GetProperty("id").GetString());
        Assert.Equal("ReadOnly", created.GetProperty("level").GetString());
        Assert.Contains(atVault.EnumerateArray(), l => l.GetProperty("name").GetString() == "frozen");
        Assert.Equal(1, refused.Exit);
        Assert.Contains("Code: ScopeLocked", refused.Error, StringComparison.Ordinal);
        Assert.Contains(inSubscription.EnumerateArray(), l => l.GetProperty("id").GetString() == created.GetProperty("id").GetString());
        Assert.True(allowed.Exit == 0, allowed.Error);
    }
}
