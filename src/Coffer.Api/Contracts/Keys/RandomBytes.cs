using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Keys;

/// <summary>Wire <c>RandomBytes</c>: base64url.</summary>
internal sealed class RandomBytes
{
    [JsonPropertyName("value")]
    public string? Value { get; set; }
}
