using System.Text.Json.Nodes;
using Coffer.Server.Cli.Client;

namespace Coffer.Server.Cli.KeyVault;

/// <summary>The vault settings create and update share, and the access policy az gives a vault's creator.</summary>
internal static partial class KeyVaultCommand
{
    /// <summary>
    /// Purge protection, the firewall's default action and bypass, and public network access, when given.
    /// <paramref name="current"/> is the vault's present <c>networkAcls</c> (for update), whose rules are kept.
    /// </summary>
    private static void ApplySettings(CommandOptions options, JsonObject properties, JsonObject? current = null)
    {
        if (options.Boolean("--enable-purge-protection") is { } purgeProtection)
        {
            properties["enablePurgeProtection"] = purgeProtection;
        }

        var defaultAction = Choice(options, "--default-action", "Allow", "Deny");
        var bypass = Choice(options, "--bypass", "AzureServices", "None");
        if (defaultAction is not null || bypass is not null)
        {
            var acls = current?.DeepClone() as JsonObject ?? new JsonObject
            {
                ["bypass"] = "AzureServices",
                ["defaultAction"] = "Allow",
                ["ipRules"] = new JsonArray(),
                ["virtualNetworkRules"] = new JsonArray(),
            };
            acls["bypass"] = bypass ?? acls["bypass"]?.DeepClone() ?? "AzureServices";
            acls["defaultAction"] = defaultAction ?? acls["defaultAction"]?.DeepClone() ?? "Allow";
            properties["networkAcls"] = acls;
        }

        if (Choice(options, "--public-network-access", "Enabled", "Disabled") is { } access)
        {
            properties["publicNetworkAccess"] = access;
        }
    }

    /// <summary>One of the allowed words, spelled as Azure spells it.</summary>
    private static string? Choice(CommandOptions options, string name, params string[] allowed)
    {
        if (options.Value(name) is not { } text)
        {
            return null;
        }

        return allowed.FirstOrDefault(a => a.Equals(text, StringComparison.OrdinalIgnoreCase))
            ?? throw new UsageException($"{name} must be {string.Join(" or ", allowed)}, not '{text}'.");
    }

    /// <summary>
    /// az's <c>keyvault create</c> without RBAC gives the signed-in principal these permissions (purge is not among them,
    /// as in az).
    /// </summary>
    private static JsonObject CreatorPolicy(string tenantId, string objectId) => new()
    {
        ["tenantId"] = tenantId,
        ["objectId"] = objectId,
        ["permissions"] = new JsonObject
        {
            ["keys"] = Words("get", "create", "delete", "list", "update", "import", "backup", "restore", "recover"),
            ["secrets"] = Words("get", "list", "set", "delete", "backup", "restore", "recover"),
            ["certificates"] = Words("get", "list", "delete", "create", "import", "update", "managecontacts", "getissuers", "listissuers", "setissuers", "deleteissuers", "manageissuers", "recover"),
            ["storage"] = Words("get", "list", "delete", "set", "update", "regeneratekey", "setsas", "listsas", "getsas", "deletesas"),
        },
    };

    private static JsonArray Words(params string[] words) => new([.. words.Select(w => (JsonNode?)w)]);
}
