using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Core.Pipeline;
using Coffer.Server.Cli.Client;

namespace Coffer.Server.Cli;

/// <summary>
/// <c>coffer login --service-principal -u APP_ID -p SECRET [--tenant T]</c>: checks the credential against the server
/// and saves it (mode 0600) for later commands; <c>coffer logout</c> deletes it.
/// </summary>
internal static partial class LoginCommand
{
    public const string Usage = """
        coffer login --service-principal --username APP_ID --password SECRET [--tenant TENANT] [--server URL]
        coffer logout

          --username, -u   the service principal's application (client) id
          --password, -p   its client secret; '-' reads it from standard input
          --tenant, -t     the tenant (default: the one the server names in its challenge)
        The login is saved in $XDG_CONFIG_HOME/coffer/profile.json (or ~/.config/coffer), readable by you only.
        """;

    public static async Task<int> LoginAsync(string[] args, ClientEnvironment? environment = null)
    {
        environment ??= ClientEnvironment.Process;
        var options = CommandOptions.Parse(args, "coffer login", ["--username|-u", "--password|-p", "--tenant|-t"], flags: ["--service-principal"]);
        if (!options.Flag("--service-principal"))
        {
            throw new UsageException("coffer login signs in a service principal: coffer login --service-principal -u APP_ID -p SECRET. Managed identities sign in through 'coffer exec'.");
        }

        var clientId = options.Required("--username");
        var secret = options.Required("--password");
        if (secret == "-")
        {
            secret = (await Console.In.ReadLineAsync())?.Trim() is { Length: > 0 } read ? read : throw new UsageException("No password on standard input.");
        }

        var server = ClientSettings.NormalizeServer(options.Value("--server") ?? environment["COFFER_SERVER"] ?? ClientSettings.DefaultServer);
        var settings = ClientSettings.Resolve(options, environment) with { Server = server };
        using var handler = TlsTrust.CreateHandler(settings.CaFile);
        var tenant = options.Value("--tenant") ?? await DiscoverTenantAsync(settings, handler);
        var credential = SignIn.ForServicePrincipal(new Uri(server), tenant, clientId, secret, new HttpClientTransport(new HttpClient(handler, disposeHandler: false)));

        // Sign in and make one call before saving, so a wrong secret is reported now rather than by the next command.
        using var connection = new CofferConnection(settings, credential, TlsTrust.CreateHandler(settings.CaFile));
        var subscription = await connection.SubscriptionAsync(CancellationToken.None);
        new LoginProfile(server, tenant, clientId, secret).Save(environment);

        var result = new JsonArray(new JsonObject
        {
            ["cloudName"] = "Coffer",
            ["homeTenantId"] = tenant,
            ["id"] = subscription["subscriptionId"]?.DeepClone(),
            ["isDefault"] = true,
            ["name"] = subscription["displayName"]?.DeepClone(),
            ["state"] = subscription["state"]?.DeepClone(),
            ["tenantId"] = subscription["tenantId"]?.DeepClone(),
            ["user"] = new JsonObject { ["name"] = clientId, ["type"] = "servicePrincipal" },
        });
        await ClientCommand.PrintAsync(result, settings);
        return 0;
    }

    public static async Task<int> LogoutAsync(string[] args, ClientEnvironment? environment = null)
    {
        environment ??= ClientEnvironment.Process;
        CommandOptions.Parse(args, "coffer logout", []);
        if (!LoginProfile.Delete(environment))
        {
            await Console.Error.WriteLineAsync("coffer: there was no saved login.");
        }

        return 0;
    }

    /// <summary>The tenant the server names in its challenge to an unauthenticated call (<c>authorization_uri=".../{tenant}"</c>).</summary>
    private static async Task<string> DiscoverTenantAsync(ClientSettings settings, HttpMessageHandler handler)
    {
        using var http = new HttpClient(handler, disposeHandler: false);
        try
        {
            using var response = await http.GetAsync(settings.Server + "/subscriptions?api-version=2022-12-01");
            var header = response.StatusCode == HttpStatusCode.Unauthorized ? string.Join(", ", response.Headers.WwwAuthenticate) : string.Empty;
            var match = AuthorizationUri().Match(header);
            return match.Success
                ? match.Groups["tenant"].Value
                : throw new CommandFailedException($"{settings.Server} did not name its tenant; pass --tenant.");
        }
        catch (HttpRequestException e)
        {
            throw new CommandFailedException($"Could not reach {settings.Server}: {e.Message}", e);
        }
    }

    [GeneratedRegex("authorization(_uri)?=\"[^\"]*/(?<tenant>[^\"/]+)\"")]
    private static partial Regex AuthorizationUri();
}
