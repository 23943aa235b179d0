using System.Text.Json.Nodes;
using Coffer.Server.Cli.Client;
using Coffer.Server.Cli.KeyVault;

namespace Coffer.Server.Cli;

/// <summary><c>coffer lock create|delete|list|show</c>: management locks, with az lock's flags and flattened output.</summary>
internal static class LockCommand
{
    public const string Usage = """
        coffer lock create --name LOCK --lock-type CanNotDelete|ReadOnly [SCOPE] [--notes TEXT]
        coffer lock show   --name LOCK [SCOPE]
        coffer lock delete --name LOCK [SCOPE] | --ids ID...
        coffer lock list   [SCOPE]

          SCOPE: nothing (the subscription), --resource-group RG (a resource group), or
                 --resource VAULT --resource-type Microsoft.KeyVault/vaults [--resource-group RG] (one vault; its group is
                 found when not given), or --resource with a full resource id
          list at a vault also shows the locks it inherits from its group and the subscription
        Common: --server URL (or COFFER_SERVER), --output/-o json|table|tsv|none, --query JMESPATH
        """;

    private const string ApiVersion = "api-version=2016-09-01";
    private static readonly string[] Levels = ["CanNotDelete", "ReadOnly"];
    private static readonly string[] Scope = ["--resource-group|-g", "--resource", "--resource-type", "--namespace"];

    public static Task<int> RunAsync(string[] args)
    {
        var verb = ClientCommand.Verb(args, Usage);
        var rest = args[1..];
        switch (verb)
        {
            case "create":
                var create = CommandOptions.Parse(rest, "coffer lock create", ["--name|-n", "--lock-type|-t", "--notes", .. Scope]);
                create.Required("--name");
                var level = Level(create.Required("--lock-type"));
                return ClientCommand.RunAsync(create, async (c, ct) =>
                {
                    var body = new JsonObject { ["properties"] = new JsonObject { ["level"] = level, ["notes"] = create.Value("--notes") } };
                    return Shape(await c.SendAsync(HttpMethod.Put, await LockPathAsync(create, c, ct), body, ct));
                });
            case "show":
                var show = Parse(rest, verb, needsName: true);
                return ClientCommand.RunAsync(show, async (c, ct) => Shape(await c.SendAsync(HttpMethod.Get, await LockPathAsync(show, c, ct), null, ct)));
            case "delete":
                var delete = CommandOptions.Parse(rest, "coffer lock delete", ["--name|-n", .. Scope], lists: ["--ids"]);
                if (!delete.Has("--ids"))
                {
                    delete.Required("--name");
                }

                return ClientCommand.RunAsync(delete, async (c, ct) =>
                {
                    var paths = delete.Has("--ids") ? [.. delete.Values("--ids").Select(id => id + "?" + ApiVersion)] : new List<string> { await LockPathAsync(delete, c, ct) };
                    foreach (var path in paths)
                    {
                        await c.SendAsync(HttpMethod.Delete, path, null, ct);
                    }

                    return null;
                });
            case "list":
                var list = Parse(rest, verb, needsName: false);
                return ClientCommand.RunAsync(list, async (c, ct) =>
                {
                    var path = ArmIds.UnderScope(await ScopeAsync(list, c, ct), "Microsoft.Authorization/locks") + "?" + ApiVersion;
                    return new JsonArray([.. (await c.ListAsync(path, ct)).Select(Shape)]);
                });
            default:
                throw new UsageException($"Unknown command 'coffer lock {verb}'. Run 'coffer lock --help'.");
        }
    }

    /// <summary>As az prints a lock: <c>properties</c> lifted to the top (id, level, name, notes, owners, resourceGroup, type).</summary>
    public static JsonObject Shape(JsonNode? resource)
    {
        var result = new JsonObject
        {
            ["id"] = resource?["id"]?.DeepClone(),
            ["level"] = resource?["properties"]?["level"]?.DeepClone(),
            ["name"] = resource?["name"]?.DeepClone(),
            ["notes"] = resource?["properties"]?["notes"]?.DeepClone(),
            ["owners"] = resource?["properties"]?["owners"]?.DeepClone(),
            ["type"] = resource?["type"]?.DeepClone() ?? "Microsoft.Authorization/locks",
        };
        if (ArmIds.ResourceGroupOf(result["id"]?.GetValue<string>()) is { } group)
        {
            result["resourceGroup"] = group;
        }

        return result;
    }

    private static CommandOptions Parse(string[] args, string verb, bool needsName)
    {
        var options = CommandOptions.Parse(args, "coffer lock " + verb, ["--name|-n", .. Scope]);
        if (needsName)
        {
            options.Required("--name");
        }

        return options;
    }

    private static async Task<string> LockPathAsync(CommandOptions options, CofferConnection connection, CancellationToken cancellationToken) =>
        ArmIds.UnderScope(await ScopeAsync(options, connection, cancellationToken), "Microsoft.Authorization/locks/" + Uri.EscapeDataString(options.Required("--name"))) + "?" + ApiVersion;

    /// <summary>The subscription, a resource group, or one resource (az's --resource, --resource-type, --namespace).</summary>
    private static async Task<string> ScopeAsync(CommandOptions options, CofferConnection connection, CancellationToken cancellationToken)
    {
        var subscription = "/subscriptions/" + await connection.SubscriptionIdAsync(cancellationToken);
        var group = options.Value("--resource-group");
        if (options.Value("--resource") is not { } resource)
        {
            return group is null ? subscription : $"{subscription}/resourceGroups/{Uri.EscapeDataString(group)}";
        }

        if (resource.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase))
        {
            return resource.TrimEnd('/');
        }

        var type = options.Value("--resource-type") ?? throw new UsageException("--resource needs --resource-type (Microsoft.KeyVault/vaults).");
        if (options.Value("--namespace") is { } provider && !type.Contains('/', StringComparison.Ordinal))
        {
            type = provider + "/" + type;
        }

        if (!type.Equals("Microsoft.KeyVault/vaults", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"Coffer's resources are vaults: --resource-type must be Microsoft.KeyVault/vaults, not '{type}'.");
        }

        return await VaultLookup.FindVaultIdAsync(connection, options, resource, cancellationToken);
    }

    private static string Level(string text) =>
        Levels.FirstOrDefault(l => l.Equals(text, StringComparison.OrdinalIgnoreCase))
        ?? throw new UsageException($"--lock-type must be CanNotDelete or ReadOnly, not '{text}'.");
}
