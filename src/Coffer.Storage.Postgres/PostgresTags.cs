using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Coffer.Storage.Postgres;

/// <summary>Tags are stored (as by the SQLite store, so copied rows read back) as a JSON object of strings, written and read without the reflection serializer.</summary>
internal static class PostgresTags
{
    public static string? Write(IReadOnlyDictionary<string, string>? tags)
    {
        if (tags is null)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(64 + (tags.Count * 32));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in tags)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyDictionary<string, string>? Read(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            // Written by Write above, so every value is a JSON string.
            tags[property.Name] = property.Value.GetString()!;
        }

        return tags;
    }
}
