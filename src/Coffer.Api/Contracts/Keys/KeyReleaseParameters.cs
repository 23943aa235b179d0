using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Keys;

/// <summary>Wire <c>KeyReleaseParameters</c>: read so a malformed body gets its 400 before the release is refused.</summary>
internal sealed class KeyReleaseParameters
{
    [JsonPropertyName("target")]
    public string? Target { get; set; }

    [JsonPropertyName("nonce")]
    public string? Nonce { get; set; }

    [JsonPropertyName("enc")]
    public string? Enc { get; set; }
}
