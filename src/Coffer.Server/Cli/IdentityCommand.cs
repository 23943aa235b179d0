using System.Text.Json.Nodes;
using Coffer.Server.Cli.Client;

namespace Coffer.Server.Cli;

/// <summary><c>coffer identity create|show|list|delete</c>: user-assigned managed identities, as <c>az identity</c>.</summary>
internal static class IdentityCommand
{
    public const string Usage = """
        coffer identity create --name NAME [--resource-group RG] [--location L]
        coffer identity show   --name NAME [--resource-group RG]
        coffer identity list   [--resource-group RG]
        coffer identity delete --name NAME [--resource-group RG]

          --name, -n            the identity's name
          --resource-group, -g  resource group: create puts the identity in "coffer" when none is given; the
                                other commands find the identity's group themselves
          --location, -l        location label (default "local")
        Common: --server URL (or COFFER_SERVER), --output/-o json|table|tsv|none, --query JMESPATH
        """;

    private const string ApiVersion = "api-version=" + CofferConnection.ArmApiVersion;

    public static Task<int> RunAsync(string[] args)
    {
        var verb = ClientCommand.Verb(args, Usage);
        var rest = args.Skip(1);
        return verb switch
        {
            "create" => Run(rest, "create", ["--name|-n", "--resource-group|-g", "--location|-l"], async (o, c, ct) =>
                Shape(await c.SendAsync(HttpMethod.Put, ArmIds.Identity(await c.SubscriptionIdAsync(ct), o.Value("--resource-group") ?? ArmIds.DefaultResourceGroup, o.Required("--name")) + "?" + ApiVersion,
                    new JsonObject { ["location"] = o.Value("--location") ?? "local", ["tags"] = new JsonObject() }, ct))),
            "show" => Run(rest, "show", ["--name|-n", "--resource-group|-g"], async (o, c, ct) =>
                Shape(await c.SendAsync(HttpMethod.Get, await IdAsync(o, c, ct) + "?" + ApiVersion, null, ct))),
            "delete" => Run(rest, "delete", ["--name|-n", "--resource-group|-g"], async (o, c, ct) =>
            {
                await c.SendAsync(HttpMethod.Delete, await IdAsync(o, c, ct) + "?" + ApiVersion, null, ct);
                return null;
            }),
            "list" => Run(rest, "list", ["--resource-group|-g"], async (o, c, ct) =>
            {
                var subscription = await c.SubscriptionIdAsync(ct);
                var group = o.Value("--resource-group");
                var path = group is null
                    ? $"/subscriptions/{subscription}/providers/Microsoft.ManagedIdentity/userAssignedIdentities?{ApiVersion}"
                    : $"/subscriptions/{subscription}/resourceGroups/{Uri.EscapeDataString(group)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities?{ApiVersion}";
                return new JsonArray([.. (await c.ListAsync(path, ct)).Select(item => Shape(item))]);
            }),
            _ => throw new UsageException($"Unknown command 'coffer identity {verb}'. Run 'coffer identity --help'."),
        };
    }

    /// <summary>The ARM resource as <c>az identity</c> prints it: the properties lifted to the top, and the resource group.</summary>
    public static JsonObject Shape(JsonNode? resource)
    {
        if (resource is not JsonObject json)
        {
            throw new CommandFailedException("The server returned no identity.");
        }

        var properties = json["properties"] as JsonObject;
        return new JsonObject
        {
            ["clientId"] = properties?["clientId"]?.DeepClone(),
            ["id"] = json["id"]?.DeepClone(),
            ["location"] = json["location"]?.DeepClone(),
            ["name"] = json["name"]?.DeepClone(),
            ["principalId"] = properties?["principalId"]?.DeepClone(),
            ["resourceGroup"] = ArmIds.ResourceGroupOf(json["id"]?.GetValue<string>()),
            ["tags"] = json["tags"]?.DeepClone() ?? new JsonObject(),
            ["tenantId"] = properties?["tenantId"]?.DeepClone(),
            ["type"] = json["type"]?.DeepClone(),
        };
    }

    /// <summary>
    /// The identity's resource id, from its name (<c>--name</c>, or <c>--identity</c> for exec and env) and
    /// <c>--resource-group</c>; without a group, the group of the identity of that name (names are unique in a
    /// deployment), else the default group.
    /// </summary>
    public static async Task<string> IdAsync(CommandOptions options, CofferConnection connection, CancellationToken cancellationToken, string nameOption = "--name")
    {
        var subscription = await connection.SubscriptionIdAsync(cancellationToken);
        var name = options.Required(nameOption);
        if (options.Value("--resource-group") is { } group)
        {
            return ArmIds.Identity(subscription, group, name);
        }

        var identities = await connection.ListAsync($"/subscriptions/{subscription}/providers/Microsoft.ManagedIdentity/userAssignedIdentities?{ApiVersion}", cancellationToken);
        var found = identities.FirstOrDefault(i => string.Equals(i?["name"]?.GetValue<string>(), name, StringComparison.OrdinalIgnoreCase));
        return found?["id"]?.GetValue<string>() ?? ArmIds.Identity(subscription, ArmIds.DefaultResourceGroup, name);
    }

    private static Task<int> Run(IEnumerable<string> args, string verb, string[] values, Func<CommandOptions, CofferConnection, CancellationToken, Task<JsonNode?>> action)
    {
        var options = CommandOptions.Parse(args, "coffer identity " + verb, values);
        if (verb != "list")
        {
            options.Required("--name");
        }

        return ClientCommand.RunAsync(options, (connection, ct) => action(options, connection, ct));
    }
}
