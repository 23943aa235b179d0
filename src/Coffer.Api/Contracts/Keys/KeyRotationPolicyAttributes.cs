using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Keys;

/// <summary>Wire <c>KeyRotationPolicyAttributes</c>.</summary>
internal sealed class KeyRotationPolicyAttributes
{
    [JsonPropertyName("expiryTime")]
    public string? ExpiryTime { get; set; }

    [JsonPropertyName("created")]
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? Created { get; set; }

    [JsonPropertyName("updated")]
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? Updated { get; set; }
}
