using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Coffer.Server.Cli.Client;
using Coffer.Server.Cli.KeyVault;

namespace Coffer.Server.Cli;

/// <summary>
/// <c>coffer alert create|show|list|delete</c>: alert rules over the audit log, through the management API
/// (<c>Coffer.Alerts/alertRules</c>), printed with their properties lifted to the top as az prints resources.
/// </summary>
internal static partial class AlertCommand
{
    public const string Usage = """
        coffer alert create --name RULE --operation OP... --webhook URL [--vault VAULT] [--result RESULT...]
                            [--threshold N] [--window 5m] [--frequency 1m] [--caller ID] [--severity 0-4]
                            [--description TEXT] [--disabled [true|false]] [--resource-group RG]
        coffer alert show   --name RULE [--resource-group RG]
        coffer alert delete --name RULE [--resource-group RG]
        coffer alert list   [--resource-group RG]

          A rule fires when more than --threshold (default 0) new audit records within --window match: one of the
          --operation names (SecretGet…), one of the --result types (Unauthorized Forbidden…; all when left out), the
          --caller's object or application id, in --vault (every vault when left out). It is evaluated every
          --frequency and POSTs the records to --webhook (https, or http to a loopback address).
          Durations: 30m, 1h, 2d or ISO 8601 (PT5M). The rule lives in --resource-group (default: coffer); list
          without it shows the whole subscription's rules.
        Common: --server URL (or COFFER_SERVER), --output/-o json|table|tsv|none, --query JMESPATH
        """;

    private const string ApiVersion = "api-version=2025-07-01";
    private const string ResourceType = "Coffer.Alerts/alertRules";

    public static Task<int> RunAsync(string[] args)
    {
        var verb = ClientCommand.Verb(args, Usage);
        var rest = args[1..];
        switch (verb)
        {
            case "create":
                var create = CommandOptions.Parse(
                    rest, "coffer alert create",
                    ["--name|-n", "--resource-group|-g", "--vault", "--threshold", "--window", "--frequency", "--webhook", "--caller", "--severity", "--description"],
                    lists: ["--operation", "--result"], booleans: ["--disabled"]);
                create.Required("--name");
                var webhook = create.Required("--webhook");
                if (create.Values("--operation").Count == 0)
                {
                    throw new UsageException("'coffer alert create' needs --operation (for example SecretGet).");
                }

                return ClientCommand.RunAsync(create, async (c, ct) =>
                {
                    var properties = new JsonObject
                    {
                        ["scope"] = create.Value("--vault") is { } vault ? await VaultIdAsync(c, vault, ct) : "/subscriptions/" + await c.SubscriptionIdAsync(ct),
                        ["operationNames"] = new JsonArray([.. create.Values("--operation").Select(o => (JsonNode)o)]),
                        ["resultTypes"] = new JsonArray([.. create.Values("--result").Select(r => (JsonNode)r)]),
                        ["threshold"] = Number(create, "--threshold", 0),
                        ["windowSize"] = Duration(create.Value("--window") ?? "5m", "--window"),
                        ["evaluationFrequency"] = Duration(create.Value("--frequency") ?? "1m", "--frequency"),
                        ["webhookUrl"] = webhook,
                        ["severity"] = Number(create, "--severity", 3),
                        ["enabled"] = create.Boolean("--disabled") != true,
                        ["caller"] = create.Value("--caller"),
                        ["description"] = create.Value("--description"),
                    };
                    return Shape(await c.SendAsync(HttpMethod.Put, await RulePathAsync(create, c, ct), new JsonObject { ["properties"] = properties }, ct));
                });
            case "show":
                var show = Named(rest, verb);
                return ClientCommand.RunAsync(show, async (c, ct) => Shape(await c.SendAsync(HttpMethod.Get, await RulePathAsync(show, c, ct), null, ct)));
            case "delete":
                var delete = Named(rest, verb);
                return ClientCommand.RunAsync(delete, async (c, ct) =>
                {
                    await c.SendAsync(HttpMethod.Delete, await RulePathAsync(delete, c, ct), null, ct);
                    return null;
                });
            case "list":
                var list = CommandOptions.Parse(rest, "coffer alert list", ["--resource-group|-g"]);
                return ClientCommand.RunAsync(list, async (c, ct) =>
                {
                    var scope = "/subscriptions/" + await c.SubscriptionIdAsync(ct);
                    if (list.Value("--resource-group") is { } group)
                    {
                        scope += "/resourceGroups/" + Uri.EscapeDataString(group);
                    }

                    return new JsonArray([.. (await c.ListAsync(ArmIds.UnderScope(scope, ResourceType) + "?" + ApiVersion, ct)).Select(Shape)]);
                });
            default:
                throw new UsageException($"Unknown command 'coffer alert {verb}'. Run 'coffer alert --help'.");
        }
    }

    /// <summary>A rule as the CLI prints it: id, name, resourceGroup, type and every property at the top level.</summary>
    public static JsonObject Shape(JsonNode? resource)
    {
        var result = new JsonObject
        {
            ["id"] = resource?["id"]?.DeepClone(),
            ["name"] = resource?["name"]?.DeepClone(),
            ["resourceGroup"] = ArmIds.ResourceGroupOf(resource?["id"]?.GetValue<string>()),
            ["type"] = resource?["type"]?.DeepClone() ?? ResourceType,
        };
        if (resource?["properties"] is JsonObject properties)
        {
            foreach (var (name, value) in properties)
            {
                result[name] = value?.DeepClone();
            }
        }

        return result;
    }

    /// <summary><c>5m</c>, <c>1h</c>, <c>2d</c> as ISO 8601 (<c>PT5M</c>, <c>PT1H</c>, <c>P2D</c>); anything else goes to the server as given, which judges it.</summary>
    internal static string Duration(string text, string option)
    {
        if (ShortDuration().Match(text) is not { Success: true } match)
        {
            return text.StartsWith('P') || text.StartsWith('p') ? text.ToUpperInvariant() : throw new UsageException($"{option} takes a duration such as 5m, 1h, 2d or PT5M, not '{text}'.");
        }

        var amount = match.Groups["n"].Value;
        return char.ToLowerInvariant(match.Groups["unit"].Value[0]) switch
        {
            'm' => $"PT{amount}M",
            'h' => $"PT{amount}H",
            _ => $"P{amount}D",
        };
    }

    private static CommandOptions Named(string[] args, string verb)
    {
        var options = CommandOptions.Parse(args, "coffer alert " + verb, ["--name|-n", "--resource-group|-g"]);
        options.Required("--name");
        return options;
    }

    private static async Task<string> RulePathAsync(CommandOptions options, CofferConnection connection, CancellationToken cancellationToken)
    {
        var group = options.Value("--resource-group") ?? ArmIds.DefaultResourceGroup;
        var scope = $"/subscriptions/{await connection.SubscriptionIdAsync(cancellationToken)}/resourceGroups/{Uri.EscapeDataString(group)}";
        return ArmIds.UnderScope(scope, ResourceType + "/" + Uri.EscapeDataString(options.Required("--name"))) + "?" + ApiVersion;
    }

    /// <summary>A vault's resource id: given as one, or found by name in whichever group of the subscription holds it.</summary>
    private static async Task<string> VaultIdAsync(CofferConnection connection, string vault, CancellationToken cancellationToken)
    {
        if (vault.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase))
        {
            return vault;
        }

        var subscription = await connection.SubscriptionIdAsync(cancellationToken);
        var vaults = await connection.ListAsync($"/subscriptions/{subscription}/providers/Microsoft.KeyVault/vaults?{VaultLookup.ApiVersion}", cancellationToken);
        var found = vaults.FirstOrDefault(v => string.Equals(v?["name"]?.GetValue<string>(), vault, StringComparison.OrdinalIgnoreCase));
        return found?["id"]?.GetValue<string>() ?? throw new CommandFailedException($"The Vault '{vault}' not found within subscription.") { Code = "ResourceNotFound" };
    }

    private static int Number(CommandOptions options, string option, int fallback) =>
        options.Value(option) is not { } text ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw new UsageException($"{option} takes a whole number, not '{text}'.");

    [GeneratedRegex(@"^(?<n>[0-9]{1,5})(?<unit>[mhdMHD])$", RegexOptions.CultureInvariant)]
    private static partial Regex ShortDuration();
}
