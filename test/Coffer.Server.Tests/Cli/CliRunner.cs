using System.Text.Json;
using Coffer.Testing;

namespace Coffer.Server.Tests.Cli;

/// <summary>
/// Runs the real <c>coffer</c> executable as a client of <paramref name="server"/>: <c>COFFER_SERVER</c> and
/// <c>COFFER_CA_FILE</c> point at it, the config directory is private to the test, and by default it signs in as
/// managed identity 'dev' (Owner and Key Vault Administrator at <c>/</c>) through the App Service variables.
/// </summary>
public sealed class CliRunner(CofferServer server, string home)
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(90);

    public string ConfigHome => Path.Combine(home, "config");

    public Dictionary<string, string?> Environment(bool signedInAsDev = true) => new()
    {
        ["COFFER_SERVER"] = server.Resource,
        ["COFFER_CA_FILE"] = Path.Combine(server.DataDirectory, "ca.crt"),
        ["XDG_CONFIG_HOME"] = ConfigHome,
        ["XDG_DATA_HOME"] = Path.Combine(home, "data"), // no default data directory: only COFFER_CA_FILE is trusted
        ["HOME"] = home,
        ["IDENTITY_ENDPOINT"] = signedInAsDev ? server.IdentityEndpoint.ToString() : null,
        ["IDENTITY_HEADER"] = signedInAsDev ? server.IdentityHeader : null,
        ["AZURE_CLIENT_ID"] = null,
        ["AZURE_CLIENT_SECRET"] = null,
        ["AZURE_TENANT_ID"] = null,
        ["MSI_ENDPOINT"] = null,
        ["MSI_SECRET"] = null,
        ["AZURE_TOKEN_CREDENTIALS"] = null,
    };

    public Task<(int Exit, string Out, string Error)> RunAsync(params string[] args) => RunAsync(Environment(), args);

    /// <summary>Runs a command that must succeed and returns its JSON output.</summary>
    public async Task<JsonElement> RunJsonAsync(params string[] args)
    {
        var (exit, stdout, stderr) = await RunAsync(args);
        Assert.True(exit == 0, $"coffer {string.Join(' ', args)} exited {exit}: {stderr}");
        using var document = JsonDocument.Parse(stdout);
        return document.RootElement.Clone();
    }

    public static async Task<(int Exit, string Out, string Error)> RunAsync(Dictionary<string, string?> environment, params string[] args)
    {
        await using var coffer = CofferProcess.Start(args, environment);
        var exit = await coffer.WaitForExitAsync(ExitTimeout, TestContext.Current.CancellationToken);
        await Task.Delay(50, TestContext.Current.CancellationToken); // the last output lines arrive asynchronously
        return (exit, coffer.StandardOutput, coffer.StandardError);
    }
}
