using System.Globalization;
using System.Text.Json.Nodes;
using Coffer.Core.Vaults;
using Coffer.Server.Cli.Client;

namespace Coffer.Server.Cli.KeyVault;

/// <summary>
/// <c>coffer keyvault …</c>: vaults as ARM resources on the bare host (az's verbs, flags and output), and the
/// <c>secret</c>, <c>key</c> and <c>network-rule</c> groups.
/// </summary>
internal static partial class KeyVaultCommand
{
    public const string Usage = """
        coffer keyvault create       --name V [--resource-group RG] [--location L] [--retention-days 90] [--sku standard|premium]
                                     [--enable-rbac-authorization [true|false]] [--enable-purge-protection [true|false]]
                                     [--default-action Allow|Deny] [--bypass AzureServices|None]
                                     [--public-network-access Enabled|Disabled] [--tags k=v ...]
        coffer keyvault show         --name V [--resource-group RG]
        coffer keyvault list         [--resource-group RG]
        coffer keyvault update       --name V [--resource-group RG] [the options of create but --location and --sku]
        coffer keyvault delete       --name V [--resource-group RG]
        coffer keyvault recover      --name V [--resource-group RG] [--location L]
        coffer keyvault purge        --name V [--location L]
        coffer keyvault list-deleted
        coffer keyvault show-deleted --name V [--location L]
        coffer keyvault secret ...        (coffer keyvault secret --help)
        coffer keyvault key ...           (coffer keyvault key --help)
        coffer keyvault network-rule ...  (coffer keyvault network-rule --help)

          --name, -n            the vault (3-24 letters, digits and hyphens); its address is https://V.{server host}:{port}
          --resource-group, -g  create puts the vault in "coffer" when none is given (az requires one); the other
                                commands find the vault's group themselves
          --location, -l        a label (default "local"); recover, purge and show-deleted find it themselves
          --enable-rbac-authorization  default true: role assignments decide; false: access policies (the creator gets
                                one with az's permissions)
        Common: --server URL (or COFFER_SERVER), --output/-o json|table|tsv|none, --query JMESPATH
        """;

    private const string ApiVersion = VaultLookup.ApiVersion;
    private static readonly string[] Settings = ["--retention-days", "--default-action", "--bypass", "--public-network-access"];
    private static readonly string[] Switches = ["--enable-rbac-authorization", "--enable-purge-protection"];

    public static Task<int> RunAsync(string[] args)
    {
        var verb = ClientCommand.Verb(args, Usage);
        var rest = args[1..];
        return verb switch
        {
            "secret" => SecretCommand.RunAsync(rest),
            "key" => KeyCommand.RunAsync(rest),
            "network-rule" => NetworkRuleCommand.RunAsync(rest),
            "create" => Run(rest, verb, ["--name|-n", "--resource-group|-g", "--location|-l", "--sku", .. Settings], CreateAsync, lists: ["--tags"], booleans: Switches),
            "update" => Run(rest, verb, ["--name|-n", "--resource-group|-g", .. Settings], UpdateAsync, lists: ["--tags"], booleans: Switches),
            "show" => Run(rest, verb, ["--name|-n", "--resource-group|-g"], async (o, c, ct) =>
                VaultLookup.WithResourceGroup(await c.SendAsync(HttpMethod.Get, await VaultLookup.FindVaultIdAsync(c, o, o.Required("--name"), ct) + "?" + ApiVersion, null, ct))),
            "list" => Run(rest, verb, ["--resource-group|-g"], ListAsync, needsName: false),
            "delete" => Run(rest, verb, ["--name|-n", "--resource-group|-g"], async (o, c, ct) =>
            {
                await c.SendAndWaitAsync(HttpMethod.Delete, await VaultLookup.FindVaultIdAsync(c, o, o.Required("--name"), ct) + "?" + ApiVersion, null, ct);
                return null;
            }),
            "recover" => Run(rest, verb, ["--name|-n", "--resource-group|-g", "--location|-l"], RecoverAsync),
            "purge" => Run(rest, verb, ["--name|-n", "--location|-l"], async (o, c, ct) =>
            {
                var deleted = await VaultLookup.FindDeletedAsync(c, o.Required("--name"), o.Value("--location"), ct);
                var location = o.Value("--location") ?? deleted["properties"]?["location"]?.GetValue<string>() ?? "local";
                var path = VaultLookup.DeletedVaultPath(await c.SubscriptionIdAsync(ct), location, o.Required("--name")) + "/purge?" + ApiVersion;
                await c.SendAndWaitAsync(HttpMethod.Post, path, null, ct);
                return null;
            }),
            "list-deleted" => Run(rest, verb, [], async (_, c, ct) =>
                await c.ListAsync($"/subscriptions/{await c.SubscriptionIdAsync(ct)}/providers/Microsoft.KeyVault/deletedVaults?{ApiVersion}", ct), needsName: false),
            "show-deleted" => Run(rest, verb, ["--name|-n", "--location|-l"], async (o, c, ct) =>
                await VaultLookup.FindDeletedAsync(c, o.Required("--name"), o.Value("--location"), ct)),
            _ => throw new UsageException($"Unknown command 'coffer keyvault {verb}'. Run 'coffer keyvault --help'."),
        };
    }

    /// <summary>
    /// PUT with what az sends: the tenant, the sku, soft delete, and the settings given. An access-policy vault gets one
    /// policy for its creator, as az gives it. An existing name is refused rather than overwritten.
    /// </summary>
    private static async Task<JsonNode?> CreateAsync(CommandOptions options, CofferConnection connection, CancellationToken cancellationToken)
    {
        var name = options.Required("--name");
        var id = await VaultLookup.VaultIdAsync(connection, name, options.Value("--resource-group") ?? Vault.DefaultResourceGroup, cancellationToken);
        var (existing, _, _) = await connection.TrySendAsync(HttpMethod.Get, id + "?" + ApiVersion, null, cancellationToken);
        if (existing == System.Net.HttpStatusCode.OK)
        {
            throw new CommandFailedException($"The vault name '{name}' is already in use.") { Code = "VaultAlreadyExists" };
        }

        var rbac = options.Boolean("--enable-rbac-authorization") ?? true;
        var properties = new JsonObject
        {
            ["tenantId"] = await connection.TenantIdAsync(cancellationToken),
            ["sku"] = new JsonObject { ["family"] = "A", ["name"] = (options.Value("--sku") ?? "standard").ToLowerInvariant() },
            ["accessPolicies"] = rbac ? new JsonArray() : new JsonArray(CreatorPolicy(await connection.TenantIdAsync(cancellationToken), await connection.SignedInObjectIdAsync(cancellationToken))),
            ["enableSoftDelete"] = true,
            ["enableRbacAuthorization"] = rbac,
            ["softDeleteRetentionInDays"] = RetentionDays(options) ?? 90,
        };
        ApplySettings(options, properties);
        var body = new JsonObject
        {
            ["location"] = options.Value("--location") ?? "local",
            ["tags"] = Tags(options) ?? new JsonObject(),
            ["properties"] = properties,
        };
        return VaultLookup.WithResourceGroup(await connection.SendAndWaitAsync(HttpMethod.Put, id + "?" + ApiVersion, body, cancellationToken));
    }

    /// <summary>PATCH with only what is given.</summary>
    private static async Task<JsonNode?> UpdateAsync(CommandOptions options, CofferConnection connection, CancellationToken cancellationToken)
    {
        var id = await VaultLookup.FindVaultIdAsync(connection, options, options.Required("--name"), cancellationToken);
        var properties = new JsonObject();
        if (options.Boolean("--enable-rbac-authorization") is { } rbac)
        {
            properties["enableRbacAuthorization"] = rbac;
        }

        if (RetentionDays(options) is { } days)
        {
            properties["softDeleteRetentionInDays"] = days;
        }

        JsonObject? current = null;
        if (options.Has("--default-action") || options.Has("--bypass"))
        {
            var vault = await connection.SendAsync(HttpMethod.Get, id + "?" + ApiVersion, null, cancellationToken);
            current = vault?["properties"]?["networkAcls"] as JsonObject;
        }

        ApplySettings(options, properties, current);
        var body = new JsonObject { ["properties"] = properties };
        if (Tags(options) is { } tags)
        {
            body["tags"] = tags;
        }

        return VaultLookup.WithResourceGroup(await connection.SendAndWaitAsync(HttpMethod.Patch, id + "?" + ApiVersion, body, cancellationToken));
    }

    /// <summary>az lists vaults as generic resources: id, location, name, resourceGroup, tags, type (no properties).</summary>
    private static async Task<JsonNode?> ListAsync(CommandOptions options, CofferConnection connection, CancellationToken cancellationToken)
    {
        var subscription = await connection.SubscriptionIdAsync(cancellationToken);
        var group = options.Value("--resource-group");
        var path = group is null
            ? $"/subscriptions/{subscription}/providers/Microsoft.KeyVault/vaults?{ApiVersion}"
            : $"/subscriptions/{subscription}/resourceGroups/{Uri.EscapeDataString(group)}/providers/Microsoft.KeyVault/vaults?{ApiVersion}";
        return new JsonArray([.. (await connection.ListAsync(path, cancellationToken)).Select(vault => new JsonObject
        {
            ["id"] = vault?["id"]?.DeepClone(),
            ["location"] = vault?["location"]?.DeepClone(),
            ["name"] = vault?["name"]?.DeepClone(),
            ["resourceGroup"] = ArmIds.ResourceGroupOf(vault?["id"]?.GetValue<string>()),
            ["tags"] = vault?["tags"]?.DeepClone() ?? new JsonObject(),
            ["type"] = vault?["type"]?.DeepClone(),
        })]);
    }

    /// <summary>
    /// PUT with <c>createMode: recover</c> at the deleted vault's own id and location (az's recover): the vault comes
    /// back with its objects; its role assignments do not.
    /// </summary>
    private static async Task<JsonNode?> RecoverAsync(CommandOptions options, CofferConnection connection, CancellationToken cancellationToken)
    {
        var name = options.Required("--name");
        var deleted = await VaultLookup.FindDeletedAsync(connection, name, options.Value("--location"), cancellationToken);
        var vaultId = deleted["properties"]?["vaultId"]?.GetValue<string>();
        var id = options.Value("--resource-group") is { } group || vaultId is null
            ? await VaultLookup.VaultIdAsync(connection, name, options.Value("--resource-group") ?? Vault.DefaultResourceGroup, cancellationToken)
            : vaultId;
        var body = new JsonObject
        {
            ["location"] = options.Value("--location") ?? deleted["properties"]?["location"]?.GetValue<string>() ?? "local",
            ["properties"] = new JsonObject
            {
                ["tenantId"] = await connection.TenantIdAsync(cancellationToken),
                ["sku"] = new JsonObject { ["family"] = "A", ["name"] = "standard" },
                ["createMode"] = "recover",
            },
        };
        return VaultLookup.WithResourceGroup(await connection.SendAndWaitAsync(HttpMethod.Put, id + "?" + ApiVersion, body, cancellationToken));
    }

    private static Task<int> Run(
        string[] args,
        string verb,
        string[] values,
        Func<CommandOptions, CofferConnection, CancellationToken, Task<JsonNode?>> action,
        string[]? lists = null,
        string[]? booleans = null,
        bool needsName = true)
    {
        var options = CommandOptions.Parse(args, "coffer keyvault " + verb, values, lists, booleans: booleans);
        if (needsName)
        {
            options.Required("--name");
        }

        // Checked before anything is sent, so a bad value never leaves half a change behind.
        _ = RetentionDays(options);
        var settings = new JsonObject();
        ApplySettings(options, settings);
        return ClientCommand.RunAsync(options, (connection, ct) => action(options, connection, ct));
    }

    private static int? RetentionDays(CommandOptions options) =>
        options.Value("--retention-days") is not { } text ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) ? days
        : throw new UsageException($"--retention-days needs a number of days (7-90), not '{text}'.");

    private static JsonObject? Tags(CommandOptions options) =>
        SecretInput.Tags(options) is { } tags ? new JsonObject(tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value))) : null;
}
