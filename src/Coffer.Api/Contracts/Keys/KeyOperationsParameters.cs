using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Keys;

/// <summary>Wire <c>KeyOperationsParameters</c>: encrypt, decrypt, wrapkey and unwrapkey. Binary members are base64url.</summary>
internal sealed class KeyOperationsParameters
{
    [JsonPropertyName("alg")]
    public string? Algorithm { get; set; }

    [JsonPropertyName("value")]
    public string? Value { get; set; }

    [JsonPropertyName("iv")]
    public string? Iv { get; set; }

    [JsonPropertyName("aad")]
    public string? Aad { get; set; }

    [JsonPropertyName("tag")]
    public string? Tag { get; set; }
}
