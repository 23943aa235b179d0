using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Keys;

/// <summary>Wire <c>LifetimeActionsTrigger</c>: ISO 8601 durations.</summary>
internal sealed class LifetimeActionsTrigger
{
    [JsonPropertyName("timeAfterCreate")]
    public string? TimeAfterCreate { get; set; }

    [JsonPropertyName("timeBeforeExpiry")]
    public string? TimeBeforeExpiry { get; set; }
}
