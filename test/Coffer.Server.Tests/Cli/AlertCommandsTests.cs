namespace Coffer.Server.Tests.Cli;

/// <summary><c>coffer alert create|show|list|delete</c> through the real executable against a running server.</summary>
public sealed class AlertCommandsTests(ClientCommandsTests.Fixture fixture) : IClassFixture<ClientCommandsTests.Fixture>
{
    private CliRunner Cli => fixture.Cli;

    [Fact]
    public async Task CreateShowListDelete_OnAVault_RoundTripsThroughTheManagementApi()
    {
        // Arrange
        var vault = "v" + Guid.NewGuid().ToString("N")[..10];
        var group = "alerts-" + Guid.NewGuid().ToString("N")[..6];
        var created = await Cli.RunJsonAsync("keyvault", "create", "--name", vault);

        // Act
        var rule = await Cli.RunJsonAsync("alert", "create", "--name", "denied-reads", "--vault", vault, "-g", group,
            "--operation", "SecretGet", "--result", "Unauthorized", "Forbidden", "--threshold", "0", "--window", "5m", "--frequency", "1m",
            "--webhook", "http://127.0.0.1:9/hooks/coffer", "--severity", "2");
        var shown = await Cli.RunJsonAsync("alert", "show", "--name", "denied-reads", "-g", group);
        var inGroup = await Cli.RunJsonAsync("alert", "list", "-g", group);
        var inSubscription = await Cli.RunJsonAsync("alert", "list");
        var deleted = await Cli.RunAsync("alert", "delete", "--name", "denied-reads", "-g", group);
        var gone = await Cli.RunAsync("alert", "show", "--name", "denied-reads", "-g", group);

        // Assert
        Assert.EndsWith($"/resourceGroups/{group}/providers/Coffer.Alerts/alertRules/denied-reads", rule.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(group, rule.GetProperty("resourceGroup").GetString());
        Assert.Equal(created.GetProperty("id").GetString(), rule.GetProperty("scope").GetString());
        Assert.Equal(["SecretGet"], rule.GetProperty("operationNames").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["Unauthorized", "Forbidden"], rule.GetProperty("resultTypes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("PT5M", rule.GetProperty("windowSize").GetString());
        Assert.Equal("PT1M", rule.GetProperty("evaluationFrequency").GetString());
        Assert.Equal(2, rule.GetProperty("severity").GetInt32());
        Assert.True(rule.GetProperty("enabled").GetBoolean());
        Assert.Equal(rule.GetProperty("id").GetString(), shown.GetProperty("id").GetString());
        Assert.Equal(["denied-reads"], inGroup.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Contains(inSubscription.EnumerateArray(), r => r.GetProperty("id").GetString() == rule.GetProperty("id").GetString());
        Assert.True(deleted.Exit == 0, deleted.Error);
        Assert.Equal(1, gone.Exit);
        Assert.Contains("Code: ResourceNotFound", gone.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ServerRefusesAProperty_ShowsArmsMessageNamingIt()
    {
        // Arrange
        var name = "bad-" + Guid.NewGuid().ToString("N")[..6];

        // Act
        var plainHttp = await Cli.RunAsync("alert", "create", "--name", name, "--operation", "SecretGet", "--webhook", "http://hooks.example.com/a");
        var badWindow = await Cli.RunAsync("alert", "create", "--name", name, "--operation", "SecretGet", "--webhook", "https://hooks.example.com/a", "--window", "5 minutes");
        var noOperation = await Cli.RunAsync("alert", "create", "--name", name, "--webhook", "https://hooks.example.com/a");

        // Assert
        Assert.Equal(1, plainHttp.Exit);
        Assert.Contains("properties.webhookUrl", plainHttp.Error, StringComparison.Ordinal);
        Assert.Equal(2, badWindow.Exit);
        Assert.Contains("--window", badWindow.Error, StringComparison.Ordinal);
        Assert.Equal(2, noOperation.Exit);
        Assert.Contains("--operation", noOperation.Error, StringComparison.Ordinal);
    }
}
