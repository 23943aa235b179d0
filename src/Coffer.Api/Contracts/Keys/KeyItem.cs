using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Keys;

/// <summary>Wire <c>KeyItem</c>: one entry of a key list (no key material at all).</summary>
internal class KeyItem
{
    [JsonPropertyName("kid")]
    public string? Kid { get; set; }

    [JsonPropertyName("attributes")]
    public KeyAttributes? Attributes { get; set; }

    [JsonPropertyName("tags")]
    public IReadOnlyDictionary<string, string>? Tags { get; set; }

    [JsonPropertyName("managed")]
    public bool? Managed { get; set; }
}
