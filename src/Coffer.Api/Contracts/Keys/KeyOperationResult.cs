using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Keys;

/// <summary>Wire <c>KeyOperationResult</c>: the versioned <c>kid</c> used and the base64url result.</summary>
internal sealed class KeyOperationResult
{
    [JsonPropertyName("kid")]
    public string? Kid { get; set; }

    [JsonPropertyName("value")]
    public string? Value { get; set; }

    [JsonPropertyName("iv")]
    public string? Iv { get; set; }

    [JsonPropertyName("tag")]
    public string? Tag { get; set; }

    [JsonPropertyName("aad")]
    public string? Aad { get; set; }
}
