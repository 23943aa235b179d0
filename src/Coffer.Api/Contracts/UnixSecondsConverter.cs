using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>Key Vault's IntDate: integer Unix seconds. Reads fractional numbers too (some clients send them), writes integers.</summary>
internal sealed class UnixSecondsConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.Number)
        {
            var seconds = reader.TryGetInt64(out var whole) ? whole : (long)Math.Floor(reader.GetDouble());
            if (seconds >= 0 && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            {
                return DateTimeOffset.FromUnixTimeSeconds(seconds);
            }
        }

        throw new JsonException("A time must be a number of seconds since 1970-01-01 (Unix time).");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } time)
        {
            writer.WriteNumberValue(time.ToUnixTimeSeconds());
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
