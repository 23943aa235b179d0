using System.Globalization;
using System.Text.Json.Nodes;
using Coffer.Core.Abstractions;
using Coffer.Core.Audit;
using Coffer.Server.Cli.Client;
using Coffer.Server.Hosting;

namespace Coffer.Server.Cli;

/// <summary>
/// <c>coffer audit list</c> queries the audit log through the management API; <c>coffer audit verify</c> reads the
/// store directly (no server needed) and checks every hash chain.
/// </summary>
internal static class AuditCommand
{
    public const string Usage = """
        coffer audit list [--vault NAME] [--operation NAME]... [--result TYPE|STATUS]... [--caller OBJECT_OR_APP_ID]
                          [--since 1h|2026-01-31T12:00:00Z] [--until TIME] [--top 100] [--oldest-first]
        coffer audit verify [--data DIR] [--store sqlite|postgres] [--connection STRING]

          list     records newest first: --operation SecretGet, --result Unauthorized|Forbidden|Success|404 (each repeatable),
                   --since/--until a duration back from now (30m, 1h, 7d) or an ISO 8601 time; --top caps how many
          verify   checks each chain's hashes in the store of data directory DIR, or in the PostgreSQL database of
                   --connection (or COFFER_CONNECTION) with --store postgres (servers may be running), and names the
                   first broken record; exit 0 when intact, 1 when broken
        Common: --server URL (or COFFER_SERVER), --output/-o json|table|tsv|none, --query JMESPATH
        """;

    private const string ApiVersion = "2025-07-01";

    public static Task<int> RunAsync(string[] args)
    {
        var verb = ClientCommand.Verb(args, Usage);
        var rest = args[1..];
        return verb switch
        {
            "list" => ListAsync(rest),
            "verify" => VerifyAsync(rest),
            _ => throw new UsageException($"Unknown command 'coffer audit {verb}'. Run 'coffer audit --help'."),
        };
    }

    private static Task<int> ListAsync(string[] args)
    {
        var options = CommandOptions.Parse(args, "coffer audit list", ["--vault", "--caller", "--since", "--until", "--top"], lists: ["--operation", "--result"], flags: ["--oldest-first"]);
        var top = options.Value("--top") is { } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 ? value : throw new UsageException($"--top needs a positive number, not '{text}'.")
            : 100;
        var now = DateTimeOffset.UtcNow;
        var query = new List<string> { "api-version=" + ApiVersion, "$top=" + Math.Min(top, AuditQuery.MaxPageSize).ToString(CultureInfo.InvariantCulture) };
        Add(query, "vault", options.Value("--vault"));
        Add(query, "caller", options.Value("--caller"));
        Add(query, "since", options.Value("--since") is { } since ? Time(since, now, "--since") : null);
        Add(query, "until", options.Value("--until") is { } until ? Time(until, now, "--until") : null);
        Add(query, "order", options.Flag("--oldest-first") ? "oldest" : null);
        foreach (var operation in options.Values("--operation"))
        {
            Add(query, "operation", operation);
        }

        foreach (var result in options.Values("--result"))
        {
            Add(query, "result", result);
        }

        // A query selects from Azure's full shape, as in the JSON output; the flattened row is only for reading.
        var table = OutputWriter.Parse(options.Value("--output")) is OutputFormat.Table or OutputFormat.Tsv && options.Value("--query") is null;
        return ClientCommand.RunAsync(options, async (connection, cancellationToken) =>
        {
            var path = $"/subscriptions/{await connection.SubscriptionIdAsync(cancellationToken)}/providers/Coffer.Audit/records?{string.Join('&', query)}";
            var records = new JsonArray();
            for (string? next = path; next is not null && records.Count < top;)
            {
                var page = await connection.SendAsync(HttpMethod.Get, next, null, cancellationToken);
                foreach (var record in page?["value"] as JsonArray ?? [])
                {
                    if (records.Count < top)
                    {
                        records.Add(table ? Row(record) : record?.DeepClone());
                    }
                }

                next = page?["nextLink"]?.GetValue<string>();
            }

            return records;
        });
    }

    /// <summary>A table row: the fields one scans for, flattened (the JSON output keeps Azure's full shape).</summary>
    private static JsonObject Row(JsonNode? record) => new()
    {
        ["time"] = record?["time"]?.DeepClone(),
        ["operation"] = record?["operationName"]?.DeepClone(),
        ["result"] = record?["resultType"]?.DeepClone(),
        ["status"] = record?["properties"]?["httpStatusCode"]?.DeepClone(),
        ["caller"] = record?["identity"]?["claim"]?["http://schemas.microsoft.com/identity/claims/objectidentifier"]?.DeepClone(),
        ["appId"] = record?["identity"]?["claim"]?["appid"]?.DeepClone(),
        ["callerIp"] = record?["callerIpAddress"]?.DeepClone(),
        ["object"] = (record?["properties"]?["id"] ?? record?["resourceId"])?.DeepClone(),
    };

    private static void Add(List<string> query, string name, string? value)
    {
        if (value is not null)
        {
            query.Add(name + "=" + Uri.EscapeDataString(value));
        }
    }

    /// <summary>A duration back from now (<c>30m</c>, <c>1h</c>, <c>7d</c>, <c>90s</c>) or an ISO 8601 time, as ISO 8601 UTC.</summary>
    internal static string Time(string text, DateTimeOffset now, string option)
    {
        if (text.Length >= 2 && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            TimeSpan? back = char.ToLowerInvariant(text[^1]) switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            if (back is { } span)
            {
                return (now - span).UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
            }
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)
            : throw new UsageException($"{option} needs a duration (30m, 1h, 7d) or an ISO 8601 time, not '{text}'.");
    }

    private static async Task<int> VerifyAsync(string[] args)
    {
        string? data = null;
        var store = "sqlite";
        var connection = Environment.GetEnvironmentVariable(ServeCommand.ConnectionVariable);
        var arguments = new Arguments(args);
        while (arguments.TryNext(out var option))
        {
            switch (option)
            {
                case "--data": data = arguments.Value(option); break;
                case "--store": store = arguments.Value(option); break;
                case "--connection": connection = arguments.Value(option); break;
                default: throw new UsageException($"Unknown option '{option}' for 'coffer audit verify'.");
            }
        }

        await using var stores = AuditStores.Open(store, Path.GetFullPath(data ?? ServeOptions.DefaultDataDirectory()), connection);
        var result = await AuditVerifier.VerifyAsync(stores.GetRequiredService<IAuditStore>(), CancellationToken.None);
        if (result.IsIntact)
        {
            await Console.Out.WriteLineAsync($"The audit log is intact: {result.RecordsChecked} records in {result.ChainsChecked} chains.");
            return 0;
        }

        var record = result.BrokenRecord;
        var where = record is null ? "" : $" ({record.Time.UtcDateTime:O}, {record.OperationName})";
        await Console.Out.WriteLineAsync($"The audit log is broken at chain '{result.BrokenChainId}', record {result.BrokenSequence}{where}: {result.Reason}.");
        return 1;
    }
}
