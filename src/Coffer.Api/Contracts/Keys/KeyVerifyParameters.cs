using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Keys;

/// <summary>Wire <c>KeyVerifyParameters</c>: the algorithm, the digest and the signature (both base64url).</summary>
internal sealed class KeyVerifyParameters
{
    [JsonPropertyName("alg")]
    public string? Algorithm { get; set; }

    [JsonPropertyName("digest")]
    public string? Digest { get; set; }

    [JsonPropertyName("value")]
    public string? Value { get; set; }
}
