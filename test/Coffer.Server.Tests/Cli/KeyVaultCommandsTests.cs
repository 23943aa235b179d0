using Coffer.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Tests.Cli;

/// <summary><c>coffer keyvault create|show|list|update</c>: ARM calls on the bare host, printed as az prints them.</summary>
public sealed class KeyVaultCommandsTests(ClientCommandsTests.Fixture fixture) : IClassFixture<ClientCommandsTests.Fixture>
{
    private CliRunner Cli => fixture.Cli;

    private string Subscription => fixture.Server.Services.GetRequiredService<Deployment>().SubscriptionId.ToString("D");

    [Fact]
    public async Task Create_Show_List_Update_InTheDefaultGroup()
    {
        // Arrange
        var name = "v" + Guid.NewGuid().ToString("N")[..10];

        // Act
        var created = await Cli.RunJsonAsync("keyvault", "create", "--name", name, "--tags", "team=core");
        var shown = await Cli.RunJsonAsync("keyvault", "show", "-n", name);
        var listed = await Cli.RunJsonAsync("keyvault", "list");
        var inGroup = await Cli.RunJsonAsync("keyvault", "list", "--resource-group", "coffer");
        var updated = await Cli.RunJsonAsync("keyvault", "update", "--name", name, "--enable-rbac-authorization", "false", "--tags", "team=ops");

        // Assert
        Assert.Equal($"/subscriptions/{Subscription}/resourceGroups/coffer/providers/Microsoft.KeyVault/vaults/{name}", created.GetProperty("id").GetString());
        Assert.Equal("coffer", created.GetProperty("resourceGroup").GetString());
        Assert.Equal("local", created.GetProperty("location").GetString());
        Assert.Equal("Microsoft.KeyVault/vaults", created.GetProperty("type").GetString());
        Assert.Equal("core", created.GetProperty("tags").GetProperty("team").GetString());
        var properties = created.GetProperty("properties");
        Assert.True(properties.GetProperty("enableRbacAuthorization").GetBoolean());
        Assert.Equal(90, properties.GetProperty("softDeleteRetentionInDays").GetInt32());
        Assert.Equal("standard", properties.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal($"https://{name}.localhost:{fixture.Server.Port}/", properties.GetProperty("vaultUri").GetString());
        Assert.Equal(created.GetProperty("id").GetString(), shown.GetProperty("id").GetString());
        Assert.Equal("coffer", shown.GetProperty("resourceGroup").GetString());
        var item = Assert.Single(listed.EnumerateArray(), v => v.GetProperty("name").GetString() == name);
        Assert.Equal(["id", "location", "name", "resourceGroup", "tags", "type"], item.EnumerateObject().Select(p => p.Name));
        Assert.Contains(inGroup.EnumerateArray(), v => v.GetProperty("name").GetString() == name);
        Assert.False(updated.GetProperty("properties").GetProperty("enableRbacAuthorization").GetBoolean());
        Assert.Equal("ops", updated.GetProperty("tags").GetProperty("team").GetString());
    }

    /// <summary>serve --dev puts its vault and its identity in the one default group, where new vaults and identities go.</summary>
    [Fact]
    public async Task DevVaultAndIdentity_AreInTheDefaultGroup_WithNewOnes()
    {
        // Arrange
        var identity = "id-" + Guid.NewGuid().ToString("N")[..8];

        // Act
        var devIdentity = await Cli.RunJsonAsync("identity", "show", "--name", "dev");
        var devVault = await Cli.RunJsonAsync("keyvault", "show", "--name", "dev");
        var created = await Cli.RunJsonAsync("identity", "create", "--name", identity);

        // Assert
        Assert.Equal("coffer", devIdentity.GetProperty("resourceGroup").GetString());
        Assert.Equal("coffer", devVault.GetProperty("resourceGroup").GetString());
        Assert.Equal("coffer", created.GetProperty("resourceGroup").GetString());
    }

    [Fact]
    public async Task Show_FindsTheGroup_WhenNotGiven()
    {
        // Arrange
        var name = "v" + Guid.NewGuid().ToString("N")[..10];
        await Cli.RunJsonAsync("keyvault", "create", "--name", name, "-g", "team-a", "-l", "westeurope");

        // Act
        var shown = await Cli.RunJsonAsync("keyvault", "show", "--name", name);
        var wrongGroup = await Cli.RunAsync("keyvault", "show", "--name", name, "-g", "team-b");

        // Assert
        Assert.Equal("team-a", shown.GetProperty("resourceGroup").GetString());
        Assert.Equal("westeurope", shown.GetProperty("location").GetString());
        Assert.Equal(1, wrongGroup.Exit);
        Assert.Contains("Code: ResourceNotFound", wrongGroup.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ExistingName_Exits1_AndLeavesItAsItWas()
    {
        // Arrange
        var name = "v" + Guid.NewGuid().ToString("N")[..10];
        await Cli.RunJsonAsync("keyvault", "create", "--name", name, "--tags", "keep=me");

        // Act
        var again = await Cli.RunAsync("keyvault", "create", "--name", name);
        var shown = await Cli.RunJsonAsync("keyvault", "show", "--name", name);

        // Assert
        Assert.Equal(1, again.Exit);
        Assert.StartsWith("coffer: (VaultAlreadyExists) ", again.Error, StringComparison.Ordinal);
        Assert.Equal("me", shown.GetProperty("tags").GetProperty("keep").GetString());
    }

    /// <summary>Without RBAC the creator gets az's access policy, so it can use the vault it made at once.</summary>
    [Fact]
    public async Task Create_WithoutRbac_GivesTheCreatorAnAccessPolicy()
    {
        // Arrange
        var name = "v" + Guid.NewGuid().ToString("N")[..10];

        // Act
        var created = await Cli.RunJsonAsync("keyvault", "create", "--name", name, "--enable-rbac-authorization", "false");
        var set = await Cli.RunJsonAsync("keyvault", "secret", "set", "--vault-name", name, "--name", "s", "--value", "v");

        // Assert
        var policy = Assert.Single(created.GetProperty("properties").GetProperty("accessPolicies").EnumerateArray().ToArray());
        Assert.True(Guid.TryParse(policy.GetProperty("objectId").GetString(), out _));
        Assert.Contains("set", policy.GetProperty("permissions").GetProperty("secrets").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("v", set.GetProperty("value").GetString());
    }

    [Theory]
    [InlineData("keyvault", "create")]
    [InlineData("keyvault", "create", "--name", "x1", "--retention-days", "many")]
    [InlineData("keyvault", "create", "--name", "x1", "--default-action", "Maybe")]
    [InlineData("keyvault", "show", "--name", "x1", "--bogus")]
    [InlineData("keyvault", "frobnicate")]
    [InlineData("keyvault", "network-rule", "add", "--name", "x1")]
    [InlineData("lock", "create", "--name", "l", "--lock-type", "Sometimes")]
    [InlineData("lock", "create", "--name", "l", "--lock-type", "ReadOnly", "--resource", "x1")]
    public async Task UsageError_Exits2(params string[] args)
    {
        // Act
        var (exit, stdout, stderr) = await Cli.RunAsync(args);

        // Assert
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("coffer: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListTable_ShowsNameLocationAndGroup()
    {
        // Act
        var (exit, stdout, _) = await Cli.RunAsync("keyvault", "list", "-o", "table");

        // Assert
        Assert.Equal(0, exit);
        Assert.Equal(["Location", "Name", "ResourceGroup"], stdout.Split('\n')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(stdout.Split('\n'), l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).SequenceEqual(["local", "dev", "coffer"]));
    }
}
