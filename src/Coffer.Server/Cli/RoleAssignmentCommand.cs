using System.Text.Json.Nodes;
using Coffer.Server.Cli.Client;

namespace Coffer.Server.Cli;

/// <summary><c>coffer role assignment create|list|delete</c>, with az's flags and output.</summary>
internal static class RoleAssignmentCommand
{
    public const string Usage = """
        coffer role assignment create --role ROLE --assignee ID --scope SCOPE
        coffer role assignment list   [--assignee ID] [--role ROLE] [--scope SCOPE] [--include-inherited] [--all]
        coffer role assignment delete --ids ID... | [--assignee ID] [--role ROLE] [--scope SCOPE]

          --role       a role name ("Key Vault Secrets User") or its GUID
          --assignee   an object id, a service principal's app id, or a managed identity's client id
          --assignee-object-id  an object id used as it is (no lookup)
          --scope      as Azure writes it: /subscriptions/SUB/resourceGroups/RG/providers/Microsoft.KeyVault/vaults/NAME,
                       /subscriptions/SUB, or / (everything); list and delete default to the subscription
          --all        list every assignment, at any scope
        Common: --server URL (or COFFER_SERVER), --output/-o json|table|tsv|none, --query JMESPATH
        """;

    private static readonly string[] Values = ["--role", "--assignee", "--assignee-object-id", "--scope"];

    public static Task<int> RunAsync(string[] args)
    {
        var verb = ClientCommand.Verb(args, Usage);
        var rest = args.Skip(1);
        switch (verb)
        {
            case "create":
                var create = CommandOptions.Parse(rest, "coffer role assignment create", Values);
                var role = create.Required("--role");
                var scope = create.Required("--scope");
                _ = create.Value("--assignee") ?? create.Value("--assignee-object-id") ?? throw new UsageException("'coffer role assignment create' needs --assignee.");
                return ClientCommand.RunAsync(create, async (c, ct) => Shape(
                    await CreateAsync(c, await RoleLookup.RoleGuidAsync(c, role, ct), await AssigneeAsync(create, c, ct) ?? string.Empty, scope, ct),
                    null));
            case "list":
                var list = CommandOptions.Parse(rest, "coffer role assignment list", Values, flags: ["--all", "--include-inherited"]);
                return ClientCommand.RunAsync(list, async (c, ct) =>
                {
                    var names = await RoleLookup.RoleNamesAsync(c, ct);
                    return new JsonArray([.. (await FindAsync(list, c, ct)).Select(a => Shape(a, names))]);
                });
            case "delete":
                var delete = CommandOptions.Parse(rest, "coffer role assignment delete", Values, lists: ["--ids"]);
                return ClientCommand.RunAsync(delete, async (c, ct) =>
                {
                    var ids = delete.Has("--ids")
                        ? [.. delete.Values("--ids")]
                        : (await FindAsync(delete, c, ct)).Select(a => a?["id"]?.GetValue<string>()).OfType<string>().ToList();
                    if (ids.Count == 0)
                    {
                        throw new CommandFailedException("No matched assignments were found to delete.");
                    }

                    foreach (var id in ids)
                    {
                        await c.SendAsync(HttpMethod.Delete, $"{id}?{RoleLookup.ApiVersion}", null, ct);
                    }

                    return null;
                });
            default:
                throw new UsageException($"Unknown command 'coffer role assignment {verb}'. Run 'coffer role assignment --help'.");
        }
    }

    /// <summary><c>PUT {scope}/providers/Microsoft.Authorization/roleAssignments/{new guid}</c>.</summary>
    public static async Task<JsonObject> CreateAsync(CofferConnection connection, string roleGuid, string principalId, string scope, CancellationToken cancellationToken)
    {
        var subscription = await connection.SubscriptionIdAsync(cancellationToken);
        var path = ArmIds.UnderScope(scope, "Microsoft.Authorization/roleAssignments/" + Guid.NewGuid().ToString("D")) + "?" + RoleLookup.ApiVersion;
        var body = new JsonObject
        {
            ["properties"] = new JsonObject { ["roleDefinitionId"] = ArmIds.RoleDefinition(subscription, roleGuid), ["principalId"] = principalId },
        };
        return await connection.SendAsync(HttpMethod.Put, path, body, cancellationToken) as JsonObject
            ?? throw new CommandFailedException("The server returned no role assignment.");
    }

    /// <summary>
    /// The assignments that list and delete act on: those at the scope (the subscription by default), or also those
    /// above it with <c>--include-inherited</c>, or all with <c>--all</c>; narrowed by assignee and role.
    /// </summary>
    private static async Task<List<JsonNode?>> FindAsync(CommandOptions options, CofferConnection connection, CancellationToken cancellationToken)
    {
        var subscriptionScope = "/subscriptions/" + await connection.SubscriptionIdAsync(cancellationToken);
        var all = options.Flag("--all");
        var scope = options.Value("--scope") ?? subscriptionScope;
        var principal = await AssigneeAsync(options, connection, cancellationToken);
        var roleGuid = options.Value("--role") is { } role ? await RoleLookup.RoleGuidAsync(connection, role, cancellationToken) : null;
        var path = ArmIds.UnderScope(all ? subscriptionScope : scope, "Microsoft.Authorization/roleAssignments") + "?" + RoleLookup.ApiVersion +
                   (principal is null ? string.Empty : "&$filter=" + Uri.EscapeDataString($"principalId eq '{principal}'"));
        var found = await connection.ListAsync(path, cancellationToken);
        return [.. found.Where(a =>
        {
            var properties = a?["properties"];
            var at = properties?["scope"]?.GetValue<string>() ?? string.Empty;
            return (all || ArmIds.SameScope(at, scope) || (options.Flag("--include-inherited") && ArmIds.Covers(at, scope))) &&
                   (principal is null || string.Equals(properties?["principalId"]?.GetValue<string>(), principal, StringComparison.OrdinalIgnoreCase)) &&
                   (roleGuid is null || (properties?["roleDefinitionId"]?.GetValue<string>() ?? string.Empty).EndsWith("/" + roleGuid, StringComparison.OrdinalIgnoreCase));
        })];
    }

    private static async Task<string?> AssigneeAsync(CommandOptions options, CofferConnection connection, CancellationToken cancellationToken) =>
        options.Value("--assignee-object-id") ?? (options.Value("--assignee") is { } assignee ? await RoleLookup.ObjectIdAsync(connection, assignee, cancellationToken) : null);

    /// <summary>As az prints an assignment: the properties lifted to the top, plus the resource group and role name when known.</summary>
    public static JsonObject Shape(JsonNode? assignment, IReadOnlyDictionary<string, string>? roleNames)
    {
        var result = new JsonObject
        {
            ["id"] = assignment?["id"]?.DeepClone(),
            ["name"] = assignment?["name"]?.DeepClone(),
            ["type"] = assignment?["type"]?.DeepClone() ?? "Microsoft.Authorization/roleAssignments",
        };
        foreach (var (key, value) in assignment?["properties"] as JsonObject ?? [])
        {
            result[key] = value?.DeepClone();
        }

        var scope = result["scope"]?.GetValue<string>();
        if (ArmIds.ResourceGroupOf(scope) is { } group)
        {
            result["resourceGroup"] = group;
        }

        var roleGuid = result["roleDefinitionId"]?.GetValue<string>()?.Split('/')[^1];
        if (roleNames is not null && roleGuid is not null && roleNames.TryGetValue(roleGuid, out var roleName))
        {
            result["roleDefinitionName"] = roleName;
        }

        return result;
    }
}
