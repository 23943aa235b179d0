using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Keys;

/// <summary>Wire <c>KeyReleasePolicy</c>: read only to refuse it, since Coffer has no attestation service.</summary>
internal sealed class KeyReleasePolicy
{
    [JsonPropertyName("contentType")]
    public string? ContentType { get; set; }

    [JsonPropertyName("immutable")]
    public bool? Immutable { get; set; }

    [JsonPropertyName("data")]
    public string? Data { get; set; }
}
