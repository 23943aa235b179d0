using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>Graph's timestamps: ISO 8601 in UTC with a <c>Z</c> (<c>2026-01-31T12:00:00Z</c>); any ISO 8601 offset is read.</summary>
internal sealed class GraphDateTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String ||
            !DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            throw new JsonException("Expected an ISO 8601 date and time such as 2026-01-31T12:00:00Z.");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
