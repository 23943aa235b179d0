using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coffer.Server.Cli.Client;

/// <summary>
/// Prints a command's result as az (knack) does: JSON with sorted keys and two-space indent; a table of each item's
/// scalar fields (sorted, first letter capitalized, <c>id</c>/<c>type</c>/<c>etag</c> and nulls left out); or TSV, one
/// line per item with values in key order, a nested list as its length, a nested object as empty, null as <c>None</c>.
/// </summary>
internal static class OutputWriter
{
    private static readonly string[] TableSkips = ["id", "type", "etag"];
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static OutputFormat Parse(string? text) => text?.ToLowerInvariant() switch
    {
        null or "json" => OutputFormat.Json,
        "table" => OutputFormat.Table,
        "tsv" => OutputFormat.Tsv,
        "none" => OutputFormat.None,
        _ => throw new UsageException($"--output must be json, table, tsv or none, not '{text}'."),
    };

    public static string Format(JsonNode? result, OutputFormat format) => format switch
    {
        OutputFormat.Json => Sorted(result)?.ToJsonString(Indented) + "\n",
        OutputFormat.Table => Table(result),
        OutputFormat.Tsv => Tsv(result),
        _ => string.Empty,
    };

    /// <summary>A deep copy with every object's keys in ordinal order (Python's <c>sort_keys=True</c>).</summary>
    public static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sorted)]),
        null => null,
        _ => node.DeepClone(),
    };

    private static string Table(JsonNode? result)
    {
        IEnumerable<JsonNode?> items = result is JsonArray array ? array : [result];
        var rows = new List<Dictionary<string, string>>();
        var columns = new List<string>();
        foreach (var item in items)
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            if (item is JsonObject obj)
            {
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (TableSkips.Contains(key) || value is null or JsonObject or JsonArray)
                    {
                        continue;
                    }

                    var header = key.Length == 0 ? key : char.ToUpperInvariant(key[0]) + key[1..];
                    row[header] = Scalar(value);
                }
            }
            else
            {
                row["Result"] = item is null ? "None" : Scalar(item);
            }

            foreach (var header in row.Keys.Where(h => !columns.Contains(h)))
            {
                columns.Add(header);
            }

            rows.Add(row);
        }

        if (columns.Count == 0)
        {
            return rows.Count == 0 ? string.Empty : "\n";
        }

        var widths = columns.Select(c => Math.Max(c.Length, rows.Max(r => r.GetValueOrDefault(c, string.Empty).Length))).ToArray();
        var text = new StringBuilder();
        void Line(Func<int, string> cell) =>
            text.Append(string.Join("  ", columns.Select((_, i) => cell(i).PadRight(widths[i]))).TrimEnd()).Append('\n');
        Line(i => columns[i]);
        Line(i => new string('-', widths[i]));
        foreach (var row in rows)
        {
            Line(i => row.GetValueOrDefault(columns[i], string.Empty));
        }

        return text.ToString();
    }

    private static string Tsv(JsonNode? result)
    {
        IEnumerable<JsonNode?> items = result is JsonArray array ? array : [result];
        var text = new StringBuilder();
        foreach (var item in items)
        {
            IEnumerable<JsonNode?> values = item switch
            {
                JsonObject obj => obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value),
                JsonArray list => list,
                _ => [item],
            };
            text.AppendJoin('\t', values.Select(TsvValue)).Append('\n');
        }

        return text.ToString();
    }

    private static string TsvValue(JsonNode? value) => value switch
    {
        null => "None",
        JsonArray list => list.Count.ToString(CultureInfo.InvariantCulture),
        JsonObject => string.Empty,
        _ => Scalar(value),
    };

    /// <summary>Scalars as Python prints them: strings bare, booleans <c>True</c>/<c>False</c>, numbers as written.</summary>
    private static string Scalar(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.Null => "None",
        _ => value.ToJsonString(),
    };
}
