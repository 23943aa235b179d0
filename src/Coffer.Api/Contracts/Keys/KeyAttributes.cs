using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Keys;

/// <summary>Wire <c>KeyAttributes</c>.</summary>
internal sealed class KeyAttributes
{
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; set; }

    [JsonPropertyName("nbf")]
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? NotBefore { get; set; }

    [JsonPropertyName("exp")]
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? Expires { get; set; }

    [JsonPropertyName("created")]
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? Created { get; set; }

    [JsonPropertyName("updated")]
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? Updated { get; set; }

    [JsonPropertyName("recoverableDays")]
    public int? RecoverableDays { get; set; }

    [JsonPropertyName("recoveryLevel")]
    public string? RecoveryLevel { get; set; }

    [JsonPropertyName("exportable")]
    public bool? Exportable { get; set; }
}
