using System.Globalization;
using System.Text.Json.Nodes;
using Coffer.Server.Cli.Client;

namespace Coffer.Server.Cli;

/// <summary><c>coffer ad sp create-for-rbac|list|show|delete</c>: service principals, as <c>az ad sp</c>.</summary>
internal static class ServicePrincipalCommand
{
    public const string Usage = """
        coffer ad sp create-for-rbac [--name NAME] [--role ROLE --scopes SCOPE...] [--years N]
        coffer ad sp list   [--display-name NAME]
        coffer ad sp show   --id ID
        coffer ad sp delete --id ID

          --name, -n      display name (default coffer-sp-YYYY-MM-DD-HH-MM-SS)
          --role          a role name ("Key Vault Secrets User") or GUID to assign on each of --scopes
          --years         how long the password is valid (default 1)
          --id            object id or application (client) id
        create-for-rbac prints the password once: store it safely.
        Common: --server URL (or COFFER_SERVER), --output/-o json|table|tsv|none, --query JMESPATH
        """;

    public static Task<int> RunAsync(string[] args)
    {
        var verb = ClientCommand.Verb(args, Usage);
        var rest = args.Skip(1);
        switch (verb)
        {
            case "create-for-rbac":
                var create = CommandOptions.Parse(rest, "coffer ad sp create-for-rbac", ["--name|-n", "--role", "--years"], lists: ["--scopes"]);
                if (create.Has("--role") != create.Has("--scopes"))
                {
                    throw new UsageException("--role and --scopes go together.");
                }

                var years = Years(create.Value("--years"));
                return ClientCommand.RunAsync(create, (c, ct) => CreateForRbacAsync(create, years, c, ct));
            case "list":
                var list = CommandOptions.Parse(rest, "coffer ad sp list", ["--display-name"]);
                return ClientCommand.RunAsync(list, async (c, ct) => await c.ListAsync(
                    list.Value("--display-name") is { } name
                        ? "/v1.0/servicePrincipals?$filter=" + Uri.EscapeDataString($"displayName eq '{name.Replace("'", "''", StringComparison.Ordinal)}'")
                        : "/v1.0/servicePrincipals",
                    ct));
            case "show":
                var show = CommandOptions.Parse(rest, "coffer ad sp show", ["--id"]);
                var showId = show.Required("--id");
                return ClientCommand.RunAsync(show, (c, ct) => c.SendAsync(HttpMethod.Get, "/v1.0/servicePrincipals/" + Uri.EscapeDataString(showId), null, ct));
            case "delete":
                var delete = CommandOptions.Parse(rest, "coffer ad sp delete", ["--id"]);
                var deleteId = delete.Required("--id");
                return ClientCommand.RunAsync(delete, async (c, ct) =>
                {
                    await c.SendAsync(HttpMethod.Delete, "/v1.0/servicePrincipals/" + Uri.EscapeDataString(deleteId), null, ct);
                    return null;
                });
            default:
                throw new UsageException($"Unknown command 'coffer ad sp {verb}'. Run 'coffer ad sp --help'.");
        }
    }

    private static int Years(string? text) =>
        text is null ? 1
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var years) && years is >= 1 and <= 100 ? years
        : throw new UsageException($"--years needs a whole number of years (1-100), not '{text}'.");

    private static async Task<JsonNode?> CreateForRbacAsync(CommandOptions options, int years, CofferConnection connection, CancellationToken cancellationToken)
    {
        var displayName = options.Value("--name") ?? "coffer-sp-" + DateTime.UtcNow.ToString("yyyy-MM-dd-HH-mm-ss", CultureInfo.InvariantCulture);

        // Resolve the role first: a misspelt role must not leave a service principal behind.
        var roleGuid = options.Value("--role") is { } role ? await RoleLookup.RoleGuidAsync(connection, role, cancellationToken) : null;
        var created = await connection.SendAsync(HttpMethod.Post, "/v1.0/servicePrincipals", new JsonObject { ["displayName"] = displayName }, cancellationToken);
        var objectId = created?["id"]?.GetValue<string>() ?? throw new CommandFailedException("The server returned no service principal id.");
        var appId = created["appId"]?.GetValue<string>() ?? throw new CommandFailedException("The server returned no application id.");
        var endDateTime = DateTimeOffset.UtcNow.AddYears(years).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var password = await connection.SendAsync(
            HttpMethod.Post,
            $"/v1.0/servicePrincipals/{Uri.EscapeDataString(objectId)}/addPassword",
            new JsonObject { ["passwordCredential"] = new JsonObject { ["displayName"] = "rbac", ["endDateTime"] = endDateTime } },
            cancellationToken);
        var secret = password?["secretText"]?.GetValue<string>() ?? throw new CommandFailedException("The server returned no password.");

        if (roleGuid is not null)
        {
            foreach (var scope in options.Values("--scopes"))
            {
                await RoleAssignmentCommand.CreateAsync(connection, roleGuid, objectId, scope, cancellationToken);
            }
        }

        await Console.Error.WriteLineAsync("The output includes credentials that you must protect. Be sure that you do not include these credentials in your code or check the credentials into your source control.");
        return new JsonObject
        {
            ["appId"] = appId,
            ["displayName"] = displayName,
            ["password"] = secret,
            ["tenant"] = await connection.TenantIdAsync(cancellationToken),
        };
    }
}
