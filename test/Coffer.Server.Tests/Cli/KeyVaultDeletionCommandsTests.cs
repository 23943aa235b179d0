namespace Coffer.Server.Tests.Cli;

/// <summary>
/// <c>coffer keyvault delete|list-deleted|show-deleted|recover|purge</c>. Needs the server side of vault soft delete
/// (branch "vaults": DELETE vault, deletedVaults list/get, purge, PUT createMode recover).
/// </summary>
public sealed class KeyVaultDeletionCommandsTests(ClientCommandsTests.Fixture fixture) : IClassFixture<ClientCommandsTests.Fixture>
{
    private CliRunner Cli => fixture.Cli;

    [Fact]
    public async Task Delete_ListDeleted_Recover_KeepsTheSecrets()
    {
        // Arrange
        var name = "v" + Guid.NewGuid().ToString("N")[..10];
        var created = await Cli.RunJsonAsync("keyvault", "create", "--name", name, "-g", "team-a", "--retention-days", "7");
        await Cli.RunJsonAsync("keyvault", "secret", "set", "--vault-name", name, "--name", "kept", "--value", "still here");

        // Act
        var deleted = await Cli.RunAsync("keyvault", "delete", "--name", name);
        var gone = await Cli.RunAsync("keyvault", "show", "--name", name);
        var secretGone = await Cli.RunAsync("keyvault", "secret", "show", "--vault-name", name, "--name", "kept");
        var listed = await Cli.RunJsonAsync("keyvault", "list-deleted");
        var shownDeleted = await Cli.RunJsonAsync("keyvault", "show-deleted", "--name", name);
        var recovered = await Cli.RunJsonAsync("keyvault", "recover", "--name", name);
        var secret = await Cli.RunJsonAsync("keyvault", "secret", "show", "--vault-name", name, "--name", "kept");

        // Assert
        Assert.Equal(0, deleted.Exit);
        Assert.Equal(string.Empty, deleted.Out);
        Assert.Equal(1, gone.Exit);
        Assert.Equal(1, secretGone.Exit);
        Assert.Contains("Code: VaultNotFound", secretGone.Error, StringComparison.Ordinal);
        var item = Assert.Single(listed.EnumerateArray(), v => v.GetProperty("name").GetString() == name);
        Assert.Equal("Microsoft.KeyVault/deletedVaults", item.GetProperty("type").GetString());
        Assert.Equal(created.GetProperty("id").GetString(), shownDeleted.GetProperty("properties").GetProperty("vaultId").GetString());
        Assert.Equal("local", shownDeleted.GetProperty("properties").GetProperty("location").GetString());
        Assert.True(shownDeleted.GetProperty("properties").TryGetProperty("scheduledPurgeDate", out _));
        Assert.Equal(created.GetProperty("id").GetString(), recovered.GetProperty("id").GetString());
        Assert.Equal("team-a", recovered.GetProperty("resourceGroup").GetString());
        Assert.Equal("still here", secret.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Purge_RemovesTheDeletedVault_AndFreesItsName()
    {
        // Arrange
        var name = "v" + Guid.NewGuid().ToString("N")[..10];
        await Cli.RunJsonAsync("keyvault", "create", "--name", name);
        await Cli.RunAsync("keyvault", "delete", "--name", name);

        // Act
        var whileDeleted = await Cli.RunAsync("keyvault", "create", "--name", name);
        var purged = await Cli.RunAsync("keyvault", "purge", "--name", name);
        var listed = await Cli.RunJsonAsync("keyvault", "list-deleted");
        var shown = await Cli.RunAsync("keyvault", "show-deleted", "--name", name);
        var again = await Cli.RunJsonAsync("keyvault", "create", "--name", name);

        // Assert
        Assert.Equal(1, whileDeleted.Exit);
        Assert.StartsWith("coffer: (", whileDeleted.Error, StringComparison.Ordinal);
        Assert.True(purged.Exit == 0, purged.Error);
        Assert.DoesNotContain(listed.EnumerateArray(), v => v.GetProperty("name").GetString() == name);
        Assert.Equal(1, shown.Exit);
        Assert.Equal(name, again.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Purge_RefusedUnderPurgeProtection_Exits1()
    {
        // Arrange
        var name = "v" + Guid.NewGuid().ToString("N")[..10];
        var created = await Cli.RunJsonAsync("keyvault", "create", "--name", name, "--enable-purge-protection", "--retention-days", "7");
        var deleted = await Cli.RunAsync("keyvault", "delete", "--name", name);

        // Act
        var purged = await Cli.RunAsync("keyvault", "purge", "--name", name);
        var stillDeleted = await Cli.RunJsonAsync("keyvault", "show-deleted", "--name", name);

        // Assert
        Assert.True(created.GetProperty("properties").GetProperty("enablePurgeProtection").GetBoolean());
        Assert.True(deleted.Exit == 0, deleted.Error);
        Assert.True(purged.Exit == 1, $"purge exited {purged.Exit}: {purged.Out} {purged.Error}");
        Assert.Contains("\nCode: ", purged.Error, StringComparison.Ordinal);
        Assert.True(stillDeleted.GetProperty("properties").GetProperty("purgeProtectionEnabled").GetBoolean());
    }

    [Fact]
    public async Task Delete_UnknownVault_Exits1()
    {
        // Act
        var (exit, _, stderr) = await Cli.RunAsync("keyvault", "delete", "--name", "no-such-vault-x");

        // Assert
        Assert.Equal(1, exit);
        Assert.Contains("Code: ResourceNotFound", stderr, StringComparison.Ordinal);
    }
}
