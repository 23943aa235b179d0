using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>Wire <c>SecretSetParameters</c>.</summary>
internal sealed class SecretSetParameters
{
    [JsonPropertyName("value")]
    public string? Value { get; set; }

    [JsonPropertyName("tags")]
    public Dictionary<string, string>? Tags { get; set; }

    [JsonPropertyName("contentType")]
    public string? ContentType { get; set; }

    [JsonPropertyName("attributes")]
    public SecretAttributes? Attributes { get; set; }
}
