using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>Wire <c>SecretUpdateParameters</c>.</summary>
internal sealed class SecretUpdateParameters
{
    [JsonPropertyName("contentType")]
    public string? ContentType { get; set; }

    [JsonPropertyName("attributes")]
    public SecretAttributes? Attributes { get; set; }

    [JsonPropertyName("tags")]
    public Dictionary<string, string>? Tags { get; set; }
}
