using System.Text.Json.Nodes;
using Coffer.Server.Cli.Client;

namespace Coffer.Server.Cli.KeyVault;

/// <summary>
/// <c>coffer keyvault network-rule add|remove|list</c>: a vault's IP rules, read from the vault and written back by
/// PATCHing <c>properties.networkAcls</c> (its other settings kept).
/// </summary>
internal static class NetworkRuleCommand
{
    public const string Usage = """
        coffer keyvault network-rule add    --name VAULT --ip-address CIDR... [--resource-group RG]
        coffer keyvault network-rule remove --name VAULT --ip-address CIDR... [--resource-group RG]
        coffer keyvault network-rule list   --name VAULT [--resource-group RG]

          --ip-address  IPv4 addresses or CIDR ranges (203.0.113.0/24); an address alone is the range /32
          Rules apply when the vault's default action is Deny: coffer keyvault update --name VAULT --default-action Deny
        Common: --server URL (or COFFER_SERVER), --output/-o json|table|tsv|none, --query JMESPATH
        """;

    public static Task<int> RunAsync(string[] args)
    {
        var verb = ClientCommand.Verb(args, Usage);
        if (verb is not ("add" or "remove" or "list"))
        {
            throw new UsageException($"Unknown command 'coffer keyvault network-rule {verb}'. Run 'coffer keyvault network-rule --help'.");
        }

        var options = CommandOptions.Parse(args[1..], "coffer keyvault network-rule " + verb, ["--name|-n", "--resource-group|-g"], lists: verb == "list" ? [] : ["--ip-address"]);
        options.Required("--name");
        if (verb != "list" && options.Values("--ip-address").Count == 0)
        {
            throw new UsageException($"'coffer keyvault network-rule {verb}' needs --ip-address.");
        }

        return ClientCommand.RunAsync(options, async (connection, ct) =>
        {
            var id = await VaultLookup.FindVaultIdAsync(connection, options, options.Required("--name"), ct);
            var vault = await connection.SendAsync(HttpMethod.Get, id + "?" + VaultLookup.ApiVersion, null, ct);
            var acls = vault?["properties"]?["networkAcls"]?.DeepClone() as JsonObject ?? new JsonObject();
            var rules = acls["ipRules"] as JsonArray ?? [];
            if (verb == "list")
            {
                return new JsonObject { ["ipRules"] = rules.DeepClone(), ["virtualNetworkRules"] = acls["virtualNetworkRules"]?.DeepClone() ?? new JsonArray() };
            }

            var given = options.Values("--ip-address").Select(Normalize).ToList();
            var kept = rules.Where(r => verb == "add" || !given.Contains(Normalize(r?["value"]?.GetValue<string>() ?? string.Empty))).Select(r => r?.DeepClone()).ToList();
            if (verb == "add")
            {
                kept.AddRange(given.Where(g => !rules.Any(r => Normalize(r?["value"]?.GetValue<string>() ?? string.Empty) == g)).Select(g => (JsonNode?)new JsonObject { ["value"] = g }));
            }

            acls["ipRules"] = new JsonArray([.. kept]);
            acls["bypass"] ??= "AzureServices";
            acls["defaultAction"] ??= "Allow";
            acls["virtualNetworkRules"] ??= new JsonArray();
            var body = new JsonObject { ["properties"] = new JsonObject { ["networkAcls"] = acls } };
            return VaultLookup.WithResourceGroup(await connection.SendAndWaitAsync(HttpMethod.Patch, id + "?" + VaultLookup.ApiVersion, body, ct));
        });
    }

    /// <summary>An address and its /32 range are the same rule (Azure stores the address alone as /32).</summary>
    private static string Normalize(string rule) => rule.Contains('/', StringComparison.Ordinal) ? rule : rule + "/32";
}
